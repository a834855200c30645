// Package shellcmd is dflint's model of the commands a Dockerfile runs: the
// simple commands of a RUN (and of CMD, ENTRYPOINT and ONBUILD triggers),
// seen through the wrappers that run another command unchanged (sudo, env,
// gosu, …), with their options read the way each tool's option parser reads
// them (OptSpec), views of the package managers' commands (apt, apk, the
// RPM family, pip, npm), the variables a command sees, and the file offsets
// of every word, so that a fix edits the original bytes.
//
// Two views share one notion of wrapper: Command keeps the words with their
// positions (for rules that fix), Simple keeps argument strings (for rules
// that only ask "is this `flask run`"). Both are read once per instruction
// and shared between rules (parser.Memo): do not modify them.
//
// Rules and rewrites both read commands through this package; it imports
// only the parser, the edit types and the image data.
package shellcmd
