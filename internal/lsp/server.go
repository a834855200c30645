// Package lsp is dflint's language server: editors send it the Dockerfiles
// they have open and get dflint's findings back as diagnostics, each fix as
// a code action, and an action that writes an ignore comment.
//
// The protocol types and the method dispatch are github.com/tliron/glsp's
// (LSP 3.16); the connection is github.com/sourcegraph/jsonrpc2 with the
// Content-Length framing of LSP, over any stream, so that tests drive the
// server through pipes exactly as an editor does over stdio. The one LSP
// 3.17 feature used, positionEncoding, is read from the raw initialize
// parameters.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/url"
	"path/filepath"
	"strings"
	"sync"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Options configure a Server.
type Options struct {
	// Engine lints the documents; the command builds it from its flags.
	Engine *rules.Engine
	// Version is reported to the client in serverInfo.
	Version string
	// Log receives the server's own messages (standard error: standard
	// output is the protocol's).
	Log io.Writer
}

// Server holds the open documents of one client.
type Server struct {
	engine  *rules.Engine
	version string
	log     *log.Logger
	handler protocol.Handler

	mu       sync.Mutex
	docs     map[protocol.DocumentUri]*document
	encoding string
	shutdown bool // the client asked for shutdown
	exited   bool // and then for exit
}

// document is an open file: its text as the editor has it, and the
// findings of that text.
type document struct {
	uri      protocol.DocumentUri
	version  protocol.Integer
	text     []byte
	file     *parser.File
	findings []rules.Finding
	lines    *lines
}

// ErrNoShutdown is what Serve returns when the client said exit without
// shutdown first, or went away: the protocol's exit code is then 1.
var ErrNoShutdown = errors.New("the client ended the session without a shutdown request")

// New makes a server.
func New(opts Options) *Server {
	s := &Server{engine: opts.Engine, version: opts.Version, docs: map[protocol.DocumentUri]*document{}, encoding: encodingUTF16}
	w := opts.Log
	if w == nil {
		w = io.Discard
	}
	s.log = log.New(w, "dflint lsp: ", 0)
	s.handler = protocol.Handler{
		Initialize:             s.initialize,
		Initialized:            func(*glsp.Context, *protocol.InitializedParams) error { return nil },
		Shutdown:               s.shutdownRequest,
		Exit:                   func(*glsp.Context) error { return nil },
		SetTrace:               func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		TextDocumentDidOpen:    s.didOpen,
		TextDocumentDidChange:  s.didChange,
		TextDocumentDidSave:    s.didSave,
		TextDocumentDidClose:   s.didClose,
		TextDocumentCodeAction: s.codeAction,
	}
	return s
}

// Serve answers one client on rw (standard input and output for `dflint
// lsp`) until it sends exit or closes the stream. It returns nil after a
// shutdown request followed by exit, ErrNoShutdown otherwise.
func (s *Server) Serve(ctx context.Context, rw io.ReadWriteCloser) error {
	stream := jsonrpc2.NewBufferedStream(rw, jsonrpc2.VSCodeObjectCodec{})
	conn := jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(s.handle), jsonrpc2.SetLogger(s.log))
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutdown && s.exited {
		return nil
	}
	return ErrNoShutdown
}

// handle passes a message to glsp's dispatcher. Messages are handled one at
// a time, in the order they arrive, so a didChange is always linted before
// a codeAction that follows it.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	gctx := &glsp.Context{
		Method: req.Method,
		Notify: func(method string, params any) {
			if err := conn.Notify(ctx, method, params); err != nil {
				s.log.Printf("cannot send %s: %v", method, err)
			}
		},
		Call: func(method string, params, result any) {
			if err := conn.Call(ctx, method, params, result); err != nil {
				s.log.Printf("cannot call %s: %v", method, err)
			}
		},
	}
	if req.Params != nil {
		gctx.Params = *req.Params
	}
	if req.Method == protocol.MethodExit {
		s.mu.Lock()
		s.exited = true
		s.mu.Unlock()
		return nil, conn.Close()
	}
	result, validMethod, validParams, err := s.handler.Handle(gctx)
	switch {
	case !validMethod:
		if req.Notif {
			return nil, nil // unknown notifications ($/…) are ignored
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "dflint does not support " + req.Method}
	case !validParams:
		msg := "invalid parameters"
		if err != nil {
			msg += ": " + err.Error()
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
	case err != nil:
		if req.Notif {
			s.log.Printf("%s: %v", req.Method, err)
			return nil, nil
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: err.Error()}
	}
	return result, nil
}

// initializeResult is InitializeResult with LSP 3.17's positionEncoding.
type initializeResult struct {
	Capabilities capabilities                         `json:"capabilities"`
	ServerInfo   *protocol.InitializeResultServerInfo `json:"serverInfo,omitempty"`
}

type capabilities struct {
	protocol.ServerCapabilities
	PositionEncoding string `json:"positionEncoding"`
}

func (s *Server) initialize(ctx *glsp.Context, _ *protocol.InitializeParams) (any, error) {
	// general.positionEncodings is LSP 3.17, newer than glsp's types.
	var raw struct {
		Capabilities struct {
			General struct {
				PositionEncodings []string `json:"positionEncodings"`
			} `json:"general"`
		} `json:"capabilities"`
	}
	_ = json.Unmarshal(ctx.Params, &raw) // absent or odd: UTF-16, the default
	s.mu.Lock()
	s.encoding = encodingUTF16
	for _, e := range raw.Capabilities.General.PositionEncodings {
		if e == encodingUTF8 {
			s.encoding = encodingUTF8
		}
	}
	encoding := s.encoding
	s.mu.Unlock()

	yes := true
	full := protocol.TextDocumentSyncKindFull
	caps := protocol.ServerCapabilities{
		TextDocumentSync: protocol.TextDocumentSyncOptions{
			OpenClose: &yes,
			Change:    &full,
			Save:      protocol.SaveOptions{IncludeText: &yes},
		},
		CodeActionProvider: protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
	}
	version := s.version
	return initializeResult{
		Capabilities: capabilities{ServerCapabilities: caps, PositionEncoding: encoding},
		ServerInfo:   &protocol.InitializeResultServerInfo{Name: "dflint", Version: &version},
	}, nil
}

func (s *Server) shutdownRequest(*glsp.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shutdown = true
	s.docs = map[protocol.DocumentUri]*document{}
	return nil
}

func (s *Server) didOpen(ctx *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	doc := &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	s.mu.Lock()
	s.docs[doc.uri] = doc
	s.mu.Unlock()
	s.lintAndPublish(ctx, doc)
	return nil
}

func (s *Server) didChange(ctx *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	doc, ok := s.docs[p.TextDocument.URI]
	if !ok {
		s.mu.Unlock()
		return fmt.Errorf("didChange for %s, which is not open", p.TextDocument.URI)
	}
	for _, change := range p.ContentChanges {
		switch c := change.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			doc.text = []byte(c.Text)
		case protocol.TextDocumentContentChangeEvent:
			// The server asks for full sync; a client that sends ranges
			// anyway still gets them applied.
			l := newLines(doc.text, s.encoding)
			start, end := l.offset(c.Range.Start), l.offset(c.Range.End)
			doc.text = append(append(append([]byte(nil), doc.text[:start]...), c.Text...), doc.text[max(start, end):]...)
		}
	}
	doc.version = p.TextDocument.Version
	s.mu.Unlock()
	s.lintAndPublish(ctx, doc)
	return nil
}

func (s *Server) didSave(ctx *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	s.mu.Lock()
	doc, ok := s.docs[p.TextDocument.URI]
	if ok && p.Text != nil {
		doc.text = []byte(*p.Text)
	}
	s.mu.Unlock()
	if ok {
		s.lintAndPublish(ctx, doc)
	}
	return nil
}

func (s *Server) didClose(ctx *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	delete(s.docs, p.TextDocument.URI)
	s.mu.Unlock()
	// Clear the file's diagnostics: the client keeps them otherwise.
	ctx.Notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{
		URI: p.TextDocument.URI, Diagnostics: []protocol.Diagnostic{},
	})
	return nil
}

// lintAndPublish lints the document's text and sends its diagnostics.
func (s *Server) lintAndPublish(ctx *glsp.Context, doc *document) {
	s.mu.Lock()
	text, uri, version, encoding := doc.text, doc.uri, doc.version, s.encoding
	s.mu.Unlock()

	file := parser.Parse(pathOf(uri), text)
	findings, errs := s.lint(file)
	for _, err := range errs {
		s.log.Printf("%s: %v", uri, err)
	}
	l := newLines(text, encoding)

	s.mu.Lock()
	doc.file, doc.findings, doc.lines = file, findings, l
	s.mu.Unlock()

	diags := make([]protocol.Diagnostic, 0, len(findings))
	for i := range findings {
		diags = append(diags, diagnostic(l, &findings[i]))
	}
	v := protocol.UInteger(max(version, 0))
	ctx.Notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri, Version: &v, Diagnostics: diags})
}

// lint runs the engine, turning a panic into an error: one bad document
// must not end the editor's session.
func (s *Server) lint(file *parser.File) (findings []rules.Finding, errs []error) {
	defer func() {
		if x := recover(); x != nil {
			findings, errs = nil, []error{fmt.Errorf("internal error while linting (please report this with the Dockerfile): %v", x)}
		}
	}()
	return s.engine.Lint(context.Background(), file)
}

var lspSeverity = map[rules.Severity]protocol.DiagnosticSeverity{
	rules.Error:   protocol.DiagnosticSeverityError,
	rules.Warning: protocol.DiagnosticSeverityWarning,
	rules.Info:    protocol.DiagnosticSeverityInformation,
	rules.Style:   protocol.DiagnosticSeverityHint,
}

// diagnostic is a finding as the editor shows it: the rule ID as code,
// linked to the rule's page, source "dflint".
func diagnostic(l *lines, f *rules.Finding) protocol.Diagnostic {
	sev, ok := lspSeverity[f.Severity]
	if !ok {
		sev = protocol.DiagnosticSeverityWarning
	}
	source := "dflint"
	d := protocol.Diagnostic{
		Range:    l.rangeOf(f.Start, f.End),
		Severity: &sev,
		Code:     &protocol.IntegerOrString{Value: f.RuleID},
		Source:   &source,
		Message:  f.Message,
	}
	if href := rules.DocURL(f.Rule); href != "" {
		d.CodeDescription = &protocol.CodeDescription{HRef: href}
	}
	return d
}

// codeAction offers, for each finding that touches the requested range, its
// fix (when it has one) and an ignore comment for its rule.
func (s *Server) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	actions := []protocol.CodeAction{}
	if len(p.Context.Only) > 0 && !wantsQuickFix(p.Context.Only) {
		return actions, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doc, ok := s.docs[p.TextDocument.URI]
	if !ok || doc.file == nil {
		return actions, nil
	}
	from, to := doc.lines.offset(p.Range.Start), doc.lines.offset(p.Range.End)
	quickfix := protocol.CodeActionKindQuickFix
	for i := range doc.findings {
		f := &doc.findings[i]
		if f.Start > to || f.End < from {
			continue
		}
		diag := diagnostic(doc.lines, f)
		if f.Fix != nil && len(f.Fix.Edits) > 0 && f.Fix.Applicability != rules.DisplayOnly {
			preferred := f.Fix.Applicability == rules.Safe
			title := f.RuleID + ": " + f.Fix.Title
			if f.Fix.Applicability == rules.Unsafe {
				title += " (unsafe: can change the image)"
			}
			edits := make([]protocol.TextEdit, 0, len(f.Fix.Edits))
			for _, e := range f.Fix.Edits {
				edits = append(edits, protocol.TextEdit{Range: doc.lines.rangeOf(e.Start, e.End), NewText: e.NewText})
			}
			actions = append(actions, protocol.CodeAction{
				Title: title, Kind: &quickfix, Diagnostics: []protocol.Diagnostic{diag}, IsPreferred: &preferred,
				Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{doc.uri: edits}},
			})
		}
		if edit, ok := ignoreEdit(doc.file, f); ok {
			actions = append(actions, protocol.CodeAction{
				Title: fmt.Sprintf("Ignore %s here (# dflint ignore=%s)", f.RuleID, f.RuleID), Kind: &quickfix,
				Diagnostics: []protocol.Diagnostic{diag},
				Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{
					doc.uri: {{Range: doc.lines.rangeOf(edit.Start, edit.End), NewText: edit.NewText}},
				}},
			})
		}
	}
	return actions, nil
}

func wantsQuickFix(only []protocol.CodeActionKind) bool {
	for _, k := range only {
		if k == protocol.CodeActionKindQuickFix || strings.HasPrefix(protocol.CodeActionKindQuickFix, k+".") || k == "" {
			return true
		}
	}
	return false
}

// ignoreEdit writes "# dflint ignore=ID" on its own line above the
// instruction that holds the finding, indented like it, in the file's line
// endings; when a "# dflint ignore=" comment is already directly above, the
// ID is added to its list instead. Findings outside any instruction (a file
// that does not parse) have no such place.
func ignoreEdit(file *parser.File, f *rules.Finding) (rules.Edit, bool) {
	if file.Err != nil {
		return rules.Edit{}, false
	}
	var in *parser.Instruction
	for _, x := range file.Instructions {
		if x.Start <= f.Start && f.Start <= x.End {
			in = x
			break
		}
	}
	if in == nil {
		return rules.Edit{}, false
	}
	if above := file.CommentsAbove(in); len(above) > 0 {
		c := above[len(above)-1]
		if list, ok := strings.CutPrefix(c.Text, "dflint ignore="); ok && strings.TrimSpace(list) != "" {
			return rules.Edit{Start: c.End, End: c.End, NewText: "," + f.RuleID}, true
		}
	}
	lineStart := file.LineStart(in.StartLine)
	if in.StartLine == 1 && file.HasBOM {
		lineStart = 3 // after the byte order mark, which must stay first
	}
	line := file.Source[lineStart:file.LineEnd(in.StartLine)]
	indent := line[:len(line)-len(strings.TrimLeft(string(line), " \t"))]
	return rules.Edit{Start: lineStart, End: lineStart, NewText: string(indent) + "# dflint ignore=" + f.RuleID + file.NewlineStyle()}, true
}

// pathOf turns a document URI into the path findings are reported under.
func pathOf(uri protocol.DocumentUri) string {
	if u, err := url.Parse(uri); err == nil && u.Scheme == "file" {
		return filepath.FromSlash(u.Path)
	}
	return uri
}
