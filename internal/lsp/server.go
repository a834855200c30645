// Package lsp is dflint's language server: editors send it the Dockerfiles
// they have open and get dflint's findings back as diagnostics, each fix as
// a code action, and an action that writes an ignore comment.
//
// The protocol types and the method dispatch are github.com/tliron/glsp's
// (LSP 3.16); the connection is github.com/sourcegraph/jsonrpc2's, over
// the Content-Length framing of LSP read by stream.go (bounded, and
// answering bad input instead of ending), on any byte stream, so that tests
// drive the server through pipes exactly as an editor does over stdio. The one LSP
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

	"github.com/dflint/dflint/internal/runner"
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
	// EngineFor, when set, is the engine of one document by its path: the
	// engine of the .dflint.yaml that governs it, as for dflint lint. Its
	// error (a config with mistakes) is shown to the user once, and the
	// document is linted with Engine instead.
	EngineFor func(path string) (*rules.Engine, error)
	// Version is reported to the client in serverInfo.
	Version string
	// Log receives the server's own messages (standard error: standard
	// output is the protocol's).
	Log io.Writer

	// lint replaces the engine's Lint in tests that need a slow lint.
	lint func(ctx context.Context, engine *rules.Engine, file *parser.File) ([]rules.Finding, []error)
	// staged replaces the engine's LintStaged in tests that need a slow
	// ShellCheck.
	staged lintFunc
}

// lintFunc lints a file; rest, when not nil, waits for the findings that
// come later (ShellCheck's) and returns the whole set (rules.Engine's
// LintStaged).
type lintFunc func(ctx context.Context, engine *rules.Engine, file *parser.File) (findings []rules.Finding, errs []error, rest func() ([]rules.Finding, []error))

// Server holds the open documents of one client.
type Server struct {
	engine    *rules.Engine
	engineFor func(path string) (*rules.Engine, error)
	lintFunc  lintFunc
	// shown are the config errors already shown to the user.
	shown   map[string]bool
	version string
	log     *log.Logger
	handler protocol.Handler

	mu       sync.Mutex
	ctx      context.Context // Serve's: every lint and request is cancelled with it
	docs     map[protocol.DocumentUri]*document
	requests map[jsonrpc2.ID]context.CancelFunc // requests answered in the background
	// answering counts those requests until they are answered: shutdown
	// waits for them, so that each cancelled request is answered before it.
	answering sync.WaitGroup
	encoding  string
	shutdown  bool // the client asked for shutdown
	exited    bool // and then for exit
}

// document is an open file: its text as the editor has it, and the
// findings of the last text linted.
//
// Each open document has a worker goroutine that lints in the background:
// a change only records the text, cancels the lint of the text it replaces
// and wakes the worker, so a burst of keystrokes costs one lint of the
// latest text, not one per keystroke, and messages keep flowing while a
// large file is linted. Diagnostics are published only for the text that
// is still current.
type document struct {
	uri     protocol.DocumentUri
	version protocol.Integer
	text    []byte
	rev     int           // counts text changes (a save with text changes it without a version)
	closed  bool          // by didClose, shutdown or the end of the session: publish nothing more
	wake    chan struct{} // one slot: "the text changed"; closed with the document
	// cancelLint cancels the lint in progress (nil when none): its text
	// is no longer the document's.
	cancelLint context.CancelFunc
	// changed is closed (and replaced) when linted or rev changes, or the
	// document closes: code actions wait on it for the current text's lint.
	changed chan struct{}

	// publishing orders a worker's publication against didClose's, so
	// that diagnostics never reappear after the file is closed.
	publishing sync.Mutex

	linted   int // the rev that file, findings and lines are of; -1 for none
	file     *parser.File
	findings []rules.Finding
	lines    *lines
}

// ErrNoShutdown is what Serve returns when the client said exit without
// shutdown first, or went away: the protocol's exit code is then 1.
var ErrNoShutdown = errors.New("the client ended the session without a shutdown request")

// New makes a server.
func New(opts Options) *Server {
	s := &Server{engine: opts.Engine, engineFor: opts.EngineFor, lintFunc: opts.staged, shown: map[string]bool{}, version: opts.Version,
		ctx: context.Background(), docs: map[protocol.DocumentUri]*document{}, requests: map[jsonrpc2.ID]context.CancelFunc{}, encoding: encodingUTF16}
	if lint := opts.lint; lint != nil && s.lintFunc == nil {
		s.lintFunc = func(ctx context.Context, engine *rules.Engine, file *parser.File) ([]rules.Finding, []error, func() ([]rules.Finding, []error)) {
			findings, errs := lint(ctx, engine, file)
			return findings, errs, nil
		}
	}
	if s.lintFunc == nil {
		// ShellCheck's findings come later, in a second publication:
		// the rest are shown without waiting for its processes.
		s.lintFunc = func(ctx context.Context, engine *rules.Engine, file *parser.File) ([]rules.Finding, []error, func() ([]rules.Finding, []error)) {
			return engine.LintStaged(ctx, file)
		}
	}
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
// shutdown request followed by exit, ErrNoShutdown otherwise. It does not
// wait for lints still running: they are cancelled and publish nothing.
func (s *Server) Serve(ctx context.Context, rw io.ReadWriteCloser) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.mu.Lock()
	s.ctx = ctx
	s.mu.Unlock()
	conn := jsonrpc2.NewConn(ctx, newStream(rw, s.log), handlerFunc(s.handle), jsonrpc2.SetLogger(s.log))
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopAllLocked()
	if s.shutdown && s.exited {
		return nil
	}
	return ErrNoShutdown
}

// stopAllLocked closes every document and cancels every lint and every
// request still running; s.mu is held.
func (s *Server) stopAllLocked() {
	for _, doc := range s.docs {
		s.closeLocked(doc)
	}
	s.docs = map[protocol.DocumentUri]*document{}
	for _, cancel := range s.requests {
		cancel()
	}
}

// handlerFunc makes a function a jsonrpc2.Handler.
type handlerFunc func(context.Context, *jsonrpc2.Conn, *jsonrpc2.Request)

func (f handlerFunc) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	f(ctx, conn, req)
}

// later is what a handler returns for a request answered in the
// background: the message loop goes on (so $/cancelRequest, a change or
// shutdown can stop it) and answer's result is sent when it is ready.
type later struct {
	answer func(ctx context.Context) (any, error)
}

// handle passes a message to glsp's dispatcher. Messages are handled one at
// a time, in the order they arrive, so a didChange is always seen before a
// codeAction that follows it; a request that must wait for a lint (a code
// action) takes what it needs in that order and is then answered in the
// background.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	result, err := s.dispatch(ctx, conn, req)
	if l, ok := result.(later); ok && err == nil {
		rctx, cancel := context.WithCancel(s.ctx)
		s.mu.Lock()
		if old := s.requests[req.ID]; old != nil {
			old() // an id used twice: the older request is given up
		}
		s.requests[req.ID] = cancel
		s.answering.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.answering.Done()
			result, err := l.answer(rctx)
			if rctx.Err() != nil {
				result, err = nil, &jsonrpc2.Error{Code: codeRequestCancelled, Message: req.Method + " was cancelled"}
			}
			s.mu.Lock()
			delete(s.requests, req.ID)
			s.mu.Unlock()
			cancel()
			s.reply(ctx, conn, req, result, err)
		}()
		return
	}
	s.reply(ctx, conn, req, result, err)
}

// reply answers a request; a notification gets no answer, and its error is
// logged.
func (s *Server) reply(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request, result any, err error) {
	if req.Notif {
		if err != nil {
			s.log.Printf("%s: %v", req.Method, err)
		}
		return
	}
	var sendErr error
	if rpcErr, ok := err.(*jsonrpc2.Error); ok {
		sendErr = conn.ReplyWithError(ctx, req.ID, rpcErr)
	} else if err != nil {
		sendErr = conn.ReplyWithError(ctx, req.ID, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: err.Error()})
	} else {
		sendErr = conn.Reply(ctx, req.ID, result)
	}
	if sendErr != nil && !errors.Is(sendErr, jsonrpc2.ErrClosed) {
		s.log.Printf("cannot answer %s: %v", req.Method, sendErr)
	}
}

func (s *Server) dispatch(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	gctx := &glsp.Context{
		Method: req.Method,
		Notify: func(method string, params any) {
			if err := conn.Notify(ctx, method, params); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
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
	switch req.Method {
	case protocol.MethodExit:
		s.mu.Lock()
		s.exited = true
		s.stopAllLocked()
		s.mu.Unlock()
		return nil, conn.Close()
	case protocol.MethodCancelRequest:
		// Read here, not by glsp: its IntegerOrString never keeps the id.
		var p struct {
			ID jsonrpc2.ID `json:"id"`
		}
		if err := json.Unmarshal(gctx.Params, &p); err != nil {
			return nil, fmt.Errorf("cannot read the id to cancel: %w", err)
		}
		s.mu.Lock()
		if cancel := s.requests[p.ID]; cancel != nil {
			cancel() // the request answers RequestCancelled
		}
		s.mu.Unlock()
		return nil, nil
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
		return nil, err
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

// shutdownRequest cancels every lint and every request in progress and
// answers at once: the editor is closing, and diagnostics it would get
// after this are of no use to it. A lint that does not stop at once (a
// rule that does not look at its context) finishes in the background and
// publishes nothing. The cancelled requests are answered first
// (RequestCancelled): they only wait for lints, so they answer at once.
func (s *Server) shutdownRequest(*glsp.Context) error {
	s.mu.Lock()
	s.shutdown = true
	s.stopAllLocked()
	s.mu.Unlock()
	s.answering.Wait()
	return nil
}

func (s *Server) didOpen(ctx *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	doc := &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text),
		linted: -1, wake: make(chan struct{}, 1), changed: make(chan struct{})}
	s.mu.Lock()
	if old := s.docs[doc.uri]; old != nil {
		s.closeLocked(old) // opened twice: the new text wins
	}
	s.docs[doc.uri] = doc
	s.mu.Unlock()
	go s.worker(doc, ctx.Notify)
	doc.wake <- struct{}{}
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
	s.changedLocked(doc)
	s.mu.Unlock()
	wake(doc)
	return nil
}

func (s *Server) didSave(ctx *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	s.mu.Lock()
	doc, ok := s.docs[p.TextDocument.URI]
	if ok && p.Text != nil {
		doc.text = []byte(*p.Text)
	}
	if ok {
		// Lint again even when the text is the same: the file's
		// surroundings (a shellcheck binary, the date) may have changed.
		s.changedLocked(doc)
	}
	s.mu.Unlock()
	if ok {
		wake(doc)
	}
	return nil
}

func (s *Server) didClose(ctx *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	doc := s.docs[p.TextDocument.URI]
	if doc != nil {
		s.closeLocked(doc)
		delete(s.docs, p.TextDocument.URI)
	}
	s.mu.Unlock()
	if doc != nil {
		doc.publishing.Lock()
		defer doc.publishing.Unlock()
	}
	// Clear the file's diagnostics: the client keeps them otherwise.
	ctx.Notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{
		URI: p.TextDocument.URI, Diagnostics: []protocol.Diagnostic{},
	})
	return nil
}

// changedLocked records that a document's text changed: the lint of the
// text it had is cancelled, and code actions waiting for it give up; s.mu
// is held.
func (s *Server) changedLocked(doc *document) {
	doc.rev++
	if doc.cancelLint != nil {
		doc.cancelLint()
	}
	close(doc.changed)
	doc.changed = make(chan struct{})
}

// closeLocked cancels a document's lint, ends its worker and publishes
// nothing more for it; s.mu is held.
func (s *Server) closeLocked(doc *document) {
	if doc.closed {
		return
	}
	doc.closed = true
	if doc.cancelLint != nil {
		doc.cancelLint()
	}
	close(doc.wake)
	close(doc.changed)
	doc.changed = make(chan struct{})
}

// wake tells a document's worker that its text changed; a wake-up already
// pending covers this one too.
func wake(doc *document) {
	defer func() { _ = recover() }() // the document was closed meanwhile
	select {
	case doc.wake <- struct{}{}:
	default:
	}
}

// worker lints a document whenever its text changes and publishes the
// diagnostics of the text that is still current. Each lint has its own
// context, cancelled when its text is replaced or the document closes.
func (s *Server) worker(doc *document, notify glsp.NotifyFunc) {
	for range doc.wake {
		s.mu.Lock()
		if doc.closed {
			s.mu.Unlock()
			return
		}
		text, rev, version, encoding := doc.text, doc.rev, doc.version, s.encoding
		ctx, cancel := context.WithCancel(s.ctx)
		doc.cancelLint = cancel
		s.mu.Unlock()

		file, findings, l, rest := s.lintText(ctx, doc.uri, text, encoding, notify)
		if s.publish(ctx, doc, rev, version, file, findings, l, notify) && rest != nil {
			// ShellCheck's findings, when they arrive, replace the first
			// set; a change of the text cancels ctx, and with it the wait
			// and the shellcheck processes no one else waits for.
			findings, errs := s.rest(rest)
			s.logErrors(ctx, doc.uri, errs)
			s.publish(ctx, doc, rev, version, file, findings, l, notify)
		}
		s.mu.Lock()
		doc.cancelLint = nil
		s.mu.Unlock()
		cancel()
	}
}

// publish records and publishes the findings of a document's text if
// that text is still the document's (ctx not cancelled, rev current), and
// tells whether it was.
func (s *Server) publish(ctx context.Context, doc *document, rev int, version protocol.Integer, file *parser.File, findings []rules.Finding, l *lines, notify glsp.NotifyFunc) bool {
	doc.publishing.Lock()
	defer doc.publishing.Unlock()
	s.mu.Lock()
	current := ctx.Err() == nil && !doc.closed && doc.rev == rev
	if current {
		doc.linted, doc.file, doc.findings, doc.lines = rev, file, findings, l
		close(doc.changed)
		doc.changed = make(chan struct{})
	}
	s.mu.Unlock()
	if current {
		diags := make([]protocol.Diagnostic, 0, len(findings))
		for i := range findings {
			diags = append(diags, diagnostic(l, &findings[i]))
		}
		v := protocol.UInteger(max(version, 0))
		notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: doc.uri, Version: &v, Diagnostics: diags})
	}
	return current
}

// lintText parses and lints one text of a document. A text that dflint
// lint would refuse as a file (over runner.MaxFileSize, binary, not UTF-8)
// is not parsed: its one finding says why, and it has no file, hence no
// code actions.
func (s *Server) lintText(ctx context.Context, uri protocol.DocumentUri, text []byte, encoding string, notify glsp.NotifyFunc) (*parser.File, []rules.Finding, *lines, func() ([]rules.Finding, []error)) {
	if err := runner.CheckSource(text); err != nil {
		return nil, []rules.Finding{notLinted(err)}, newLines(text, encoding), nil
	}
	path, onDisk := pathOf(uri)
	filePath := path
	if !onDisk {
		// A document that is not a file (an unsaved buffer) has no
		// directory: it is linted as standard input is, without a path, so
		// that the rules that look beside the Dockerfile (DF203,
		// CopyIgnoredFile) do not look in the server's working directory.
		// Its config is still the one its name leads to.
		filePath = ""
	}
	file := parser.Parse(filePath, text)
	findings, errs, rest := s.lint(ctx, file, s.engineOf(notify, path))
	s.logErrors(ctx, uri, errs)
	return file, findings, newLines(text, encoding), rest
}

// logErrors logs the errors of a lint that was not cancelled.
func (s *Server) logErrors(ctx context.Context, uri protocol.DocumentUri, errs []error) {
	for _, err := range errs {
		if ctx.Err() == nil {
			s.log.Printf("%s: %v", uri, err)
		}
	}
}

// notLinted is the one finding of a document that is not linted: at its
// start, saying why (the CLI's message for such a file).
func notLinted(err error) rules.Finding {
	return rules.Finding{Severity: rules.Error, Message: "dflint did not lint this document: " + err.Error()}
}

// lint runs the engine, turning a panic into an error: one bad document
// must not end the editor's session.
func (s *Server) lint(ctx context.Context, file *parser.File, engine *rules.Engine) (findings []rules.Finding, errs []error, rest func() ([]rules.Finding, []error)) {
	defer func() {
		if x := recover(); x != nil {
			findings, errs, rest = nil, []error{runner.Crashed("linting", x)}, nil
		}
	}()
	return s.lintFunc(ctx, engine, file)
}

// rest waits for the findings a lint gives later, turning a panic into an
// error as lint does.
func (s *Server) rest(rest func() ([]rules.Finding, []error)) (findings []rules.Finding, errs []error) {
	defer func() {
		if x := recover(); x != nil {
			findings, errs = nil, []error{runner.Crashed("linting", x)}
		}
	}()
	return rest()
}

// engineOf is the engine of a document: its config's, or the command
// line's when it has none or its config has errors, which the user is
// shown once (not on every keystroke) with window/showMessage.
func (s *Server) engineOf(notify glsp.NotifyFunc, path string) *rules.Engine {
	if s.engineFor == nil {
		return s.engine
	}
	e, err := s.engineFor(path)
	if err == nil {
		return e
	}
	msg := err.Error()
	s.mu.Lock()
	first := !s.shown[msg]
	s.shown[msg] = true
	s.mu.Unlock()
	if first {
		s.log.Printf("%s", msg)
		notify(protocol.ServerWindowShowMessage, protocol.ShowMessageParams{
			Type:    protocol.MessageTypeError,
			Message: "dflint: the config has errors; linting with the command line's settings until it is fixed: " + msg,
		})
	}
	return s.engine
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
		Source:   &source,
		Message:  f.Message,
	}
	if f.RuleID != "" { // a document that was not linted has no rule
		d.Code = &protocol.IntegerOrString{Value: f.RuleID}
	}
	if href := rules.DocURL(f.Rule); href != "" {
		d.CodeDescription = &protocol.CodeDescription{HRef: href}
	}
	return d
}

// codeAction offers, for the findings the request is about (see
// findingsFor), each one's fix (when it has one) and an ignore comment for
// its rule. The actions are
// about the text the editor has when it asks: when the worker has not
// linted that text yet, the answer waits for it in the background, and is
// ContentModified if the text changes meanwhile, RequestCancelled if the
// editor cancels the request.
func (s *Server) codeAction(ctx *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	if len(p.Context.Only) > 0 && !wantsQuickFix(p.Context.Only) {
		return []protocol.CodeAction{}, nil
	}
	s.mu.Lock()
	doc, ok := s.docs[p.TextDocument.URI]
	if !ok {
		s.mu.Unlock()
		return []protocol.CodeAction{}, nil
	}
	rev := doc.rev
	s.mu.Unlock()
	sent := sentDiagnostics(ctx.Params)
	return later{func(ctx context.Context) (any, error) {
		for {
			s.mu.Lock()
			switch {
			case doc.closed:
				s.mu.Unlock()
				return []protocol.CodeAction{}, nil
			case doc.rev != rev:
				s.mu.Unlock()
				return nil, &jsonrpc2.Error{Code: codeContentModified, Message: "the document changed: ask again"}
			case doc.linted == rev:
				defer s.mu.Unlock()
				return actionsFor(doc, p.Range, sent), nil
			}
			changed := doc.changed
			s.mu.Unlock()
			select {
			case <-changed:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
	}}, nil
}

// actionsFor lists the code actions of a linted document for a request's
// range and diagnostics; s.mu is held.
func actionsFor(doc *document, r protocol.Range, sent []sentDiagnostic) []protocol.CodeAction {
	actions := []protocol.CodeAction{}
	if doc.file == nil {
		return actions // not linted: nothing to fix
	}
	quickfix := protocol.CodeActionKindQuickFix
	for _, i := range findingsFor(doc, r, sent) {
		f := &doc.findings[i]
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
	return actions
}

// findingsFor picks the findings a code action request is about, by index:
// first those whose diagnostics the client sent in context.diagnostics
// (equal in range, code, source and message, so a client that asks about
// one diagnostic gets its actions first), then every other finding on a
// line the range touches. Editors differ in what they send: Neovim's
// vim.lsp.buf.code_action sends the cursor's position and the line's
// diagnostics, VS Code the diagnostics under the cursor, others only a
// range; matching by line as well means a cursor anywhere on the line,
// column 1 included, gets the line's fixes.
func findingsFor(doc *document, r protocol.Range, sent []sentDiagnostic) []int {
	var picked []int
	taken := make([]bool, len(doc.findings))
	var ours []protocol.Diagnostic
	if len(sent) > 0 {
		ours = make([]protocol.Diagnostic, len(doc.findings))
		for i := range doc.findings {
			ours[i] = diagnostic(doc.lines, &doc.findings[i])
		}
	}
	for _, d := range sent {
		for i := range doc.findings {
			if !taken[i] && sameDiagnostic(ours[i], d) {
				taken[i] = true
				picked = append(picked, i)
			}
		}
	}
	first, last := lineSpan(r)
	for i := range doc.findings {
		f := &doc.findings[i]
		if taken[i] {
			continue
		}
		fFirst, fLast := lineSpan(doc.lines.rangeOf(f.Start, f.End))
		if fFirst <= last && first <= fLast {
			picked = append(picked, i)
		}
	}
	return picked
}

// lineSpan is the lines a range covers: a range that ends at the start of
// a line (a selection of whole lines) does not cover that line.
func lineSpan(r protocol.Range) (first, last uint32) {
	first, last = r.Start.Line, r.End.Line
	if last > first && r.End.Character == 0 {
		last--
	}
	return first, last
}

// sentDiagnostic is a diagnostic a client sent in a code action request's
// context: the fields it is compared by.
type sentDiagnostic struct {
	Range   protocol.Range `json:"range"`
	Code    any            `json:"code"` // a string or a number
	Source  string         `json:"source"`
	Message string         `json:"message"`
}

// sentDiagnostics reads context.diagnostics from a code action request's
// raw parameters. glsp's protocol.Diagnostic cannot carry them: its
// IntegerOrString decodes into a copy (glsp v0.2.2, a value receiver on
// UnmarshalJSON), so every code would read as nil. Parameters that do not
// decode give no diagnostics, and the request is answered by line.
func sentDiagnostics(params json.RawMessage) []sentDiagnostic {
	var p struct {
		Context struct {
			Diagnostics []sentDiagnostic `json:"diagnostics"`
		} `json:"context"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return nil
	}
	return p.Context.Diagnostics
}

// sameDiagnostic compares a diagnostic of ours with one a client sent back.
func sameDiagnostic(ours protocol.Diagnostic, sent sentDiagnostic) bool {
	source := ""
	if ours.Source != nil {
		source = *ours.Source
	}
	code := ""
	if ours.Code != nil {
		code = fmt.Sprint(ours.Code.Value)
	}
	sentCode := ""
	if sent.Code != nil {
		sentCode = fmt.Sprint(sent.Code)
	}
	return ours.Range == sent.Range && ours.Message == sent.Message && source == sent.Source && code == sentCode
}

func wantsQuickFix(only []protocol.CodeActionKind) bool {
	for _, k := range only {
		if k == protocol.CodeActionKindQuickFix || strings.HasPrefix(protocol.CodeActionKindQuickFix, k+".") || k == "" {
			return true
		}
	}
	return false
}

// ignoreEdit writes "# dflint ignore=ID" above the instruction that holds
// the finding, or adds the ID to a "# dflint ignore=" comment already there
// (rules.IgnoreEdit). Findings outside any instruction (a file that does
// not parse) have no such place.
func ignoreEdit(file *parser.File, f *rules.Finding) (rules.Edit, bool) {
	if file.Err != nil {
		return rules.Edit{}, false
	}
	for _, x := range file.Instructions {
		if x.Start <= f.Start && f.Start <= x.End {
			return rules.IgnoreEdit(file, x, []string{f.RuleID})
		}
	}
	return rules.Edit{}, false
}

// pathOf turns a document URI into the path its config is found for;
// onDisk tells whether it is a file's path (a file: URI).
func pathOf(uri protocol.DocumentUri) (path string, onDisk bool) {
	if u, err := url.Parse(uri); err == nil && u.Scheme == "file" {
		return filepath.FromSlash(u.Path), true
	}
	return uri, false
}
