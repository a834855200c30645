package buildkitcheck

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/dfgitutil"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	digest "github.com/opencontainers/go-digest"
)

// sourceDateEpoch follows what toDispatchState does with a global
// SOURCE_DATE_EPOCH ARG or build argument (getBuildArgValue,
// resolveSourceDateEpochValue, resolveSourceDateEpochState and
// setBuildArgValue in convert.go and epoch.go, v0.34.2) without a build
// client: a number is used as is; "context" or a source stage resolves to
// nothing (only a client can read them), which removes the ARG and the
// build argument; anything else, or a source stage that breaks the rules
// for one, is an error.
func (c *checker) sourceDateEpoch() error {
	const key = "SOURCE_DATE_EPOCH"
	v, ok := c.buildArgs[key]
	if !ok {
		v, ok = c.globalArgs.Get(key)
		if !ok || v == "" {
			return nil
		}
	}
	if v == "" {
		c.setSourceDateEpoch("")
		return nil
	}
	if sde, err := strconv.ParseInt(v, 10, 64); err == nil {
		c.setSourceDateEpoch(strconv.FormatInt(sde, 10))
		return nil
	}
	if v != "context" {
		found := false
		for _, s := range c.f.Stages {
			st := stageCmd(s)
			if !strings.EqualFold(st.Name, v) {
				continue
			}
			args := c.globalArgs.clone()
			args.Delete(key)
			if err := c.sourceDateEpochStageSource(st, args); err != nil {
				return bkparser.WithLocation(err, st.Location)
			}
			found = true
			break
		}
		if !found {
			return fmt.Errorf("invalid SOURCE_DATE_EPOCH: %s", v)
		}
	}
	c.setSourceDateEpoch("")
	return nil
}

// setSourceDateEpoch follows setBuildArgValue (convert.go, v0.34.2): the
// resolved value replaces the build argument and the global ARG where
// they are set; "" removes them.
func (c *checker) setSourceDateEpoch(value string) {
	const key = "SOURCE_DATE_EPOCH"
	if _, ok := c.buildArgs[key]; ok {
		if value == "" {
			delete(c.buildArgs, key)
		} else {
			c.buildArgs[key] = value
		}
	}
	if _, ok := c.globalArgs.Get(key); ok {
		if value == "" {
			c.globalArgs.Delete(key)
		} else {
			c.globalArgs.AddOrReplace(key, value)
		}
	}
}

// sourceDateEpochStageSource follows the epoch.go function (v0.34.2): the
// checks on a stage named by SOURCE_DATE_EPOCH.
func (c *checker) sourceDateEpochStageSource(stage *instructions.Stage, env *envList) error {
	base, _, err := c.shlex.ProcessWord(stage.BaseName, env)
	if err != nil {
		return fmt.Errorf("failed to process source stage base name %q: %w", stage.BaseName, err)
	}
	if base != emptyImageName {
		return errors.New("SOURCE_DATE_EPOCH stage must use FROM scratch")
	}
	added := false
	for _, s := range c.f.Stages {
		if stageCmd(s) != stage {
			continue
		}
		for _, in := range s.Instructions[1:] {
			switch cmd := in.Command.(type) {
			case *instructions.ArgCommand:
				// applySourceDateEpochStageArgs: a build argument first.
				for _, arg := range cmd.Args {
					if v, ok := c.buildArgs[arg.Key]; ok {
						env.AddOrReplace(arg.Key, v)
						continue
					}
					if arg.Value == nil {
						continue
					}
					v, _, err := c.shlex.ProcessWord(*arg.Value, env)
					if err != nil {
						return err
					}
					env.AddOrReplace(arg.Key, v)
				}
			case *instructions.AddCommand:
				if added {
					return errors.New("SOURCE_DATE_EPOCH stage must contain exactly one remote ADD")
				}
				if err := c.sourceDateEpochAddSource(cmd, env); err != nil {
					return err
				}
				added = true
			default:
				name := in.Name
				if cmd, ok := in.Command.(instructions.Command); ok {
					name = cmd.Name()
				}
				return fmt.Errorf("SOURCE_DATE_EPOCH stage does not meet source-only requirements: unsupported %s instruction", name)
			}
		}
	}
	if !added {
		return errors.New("SOURCE_DATE_EPOCH stage must contain exactly one remote ADD")
	}
	return nil
}

// sourceDateEpochAddSource follows the epoch.go function (v0.34.2).
func (c *checker) sourceDateEpochAddSource(cmd *instructions.AddCommand, env *envList) error {
	if len(cmd.SourceContents) != 0 || len(cmd.SourcePaths) != 1 {
		return errors.New("SOURCE_DATE_EPOCH stage must contain exactly one remote ADD source")
	}
	src, _, err := c.shlex.ProcessWord(cmd.SourcePaths[0], env)
	if err != nil {
		return err
	}
	if isHTTPSource(src) {
		if cmd.Checksum != "" {
			sum, _, err := c.shlex.ProcessWord(cmd.Checksum, env)
			if err != nil {
				return err
			}
			if _, err := digest.Parse(sum); err != nil {
				return err
			}
		}
		return nil
	}
	gitRef, isGit, gitRefErr := dfgitutil.ParseGitRef(src)
	if gitRefErr != nil && isGit {
		return gitRefErr
	}
	if gitRefErr == nil && !gitRef.IndistinguishableFromLocal {
		if cmd.Checksum != "" {
			if _, _, err := c.shlex.ProcessWord(cmd.Checksum, env); err != nil {
				return err
			}
		}
		return nil
	}
	return errors.New("SOURCE_DATE_EPOCH stage source must be a single HTTP(S) or Git ADD")
}
