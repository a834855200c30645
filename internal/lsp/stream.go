package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"strconv"
	"strings"
	"sync"

	"github.com/dflint/dflint/internal/runner"
	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Limits on what the editor sends. The base protocol
// (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#baseProtocol)
// frames each message as ASCII header lines ending in \r\n (Content-Length,
// required, and Content-Type), an empty line, and Content-Length bytes of
// JSON.
const (
	// maxHeaderLine is the longest header line read (the bufio buffer's
	// size): real ones ("Content-Type: application/vscode-jsonrpc;
	// charset=utf-8") are under 60 bytes.
	maxHeaderLine = 4 << 10
	// maxHeaderLines is the most header lines one message may have: the
	// protocol defines two.
	maxHeaderLines = 16
	// maxMessageSize is the largest message read. It is the document limit
	// (runner.MaxFileSize, 1 MiB) as JSON at worst (a control character is
	// escaped as \u00XX, six bytes) plus room for the rest of the message,
	// so that every document at or near the limit arrives and is either
	// linted or told why not (see checkDocument). A larger message is
	// refused without reading it into memory.
	maxMessageSize = 6*runner.MaxFileSize + 2<<20
)

// JSON-RPC 2.0 error codes (https://www.jsonrpc.org/specification#error_object)
// and LSP's (the specification's ErrorCodes).
const (
	codeParseError       = -32700
	codeInvalidRequest   = -32600
	codeRequestCancelled = -32800
	codeContentModified  = -32801
)

// stream is the jsonrpc2.ObjectStream of a session: the base protocol's
// framing, read with bounded memory, answering what is not a message with
// a JSON-RPC error instead of ending the session.
//
// What it does with each kind of bad input:
//
//   - A frame whose body is not JSON: ParseError (-32700) with id null, as
//     JSON-RPC says for a message whose id cannot be read; the next frame is
//     read as usual (Content-Length says where this one ends).
//   - JSON that is not a request or response (not an object, a batch, which
//     LSP does not use, no "jsonrpc": "2.0", a method that is not a string,
//     an id that is neither a string nor an integer): InvalidRequest
//     (-32600), with the message's id when it has a valid one, else null.
//   - A header that cannot be read (a line over maxHeaderLine or not ending
//     in \r\n, more than maxHeaderLines lines, no or a non-numeric
//     Content-Length): ParseError with id null. Where the body ends is then
//     unknown, so the stream resynchronises at the next Content-Length
//     header line (see resync).
//   - A Content-Length over maxMessageSize: InvalidRequest with id null and
//     a window/showMessage for the user; the body is not read into memory but
//     passed over by the same resynchronisation, so a client that claims
//     more than it sends still gets answers to its next messages.
//   - The stream ends inside a message, or cannot be read: the session ends
//     (exit code 1, as for any end without shutdown) with a message on
//     standard error saying so.
type stream struct {
	r      *bufio.Reader
	closer io.Closer
	log    *log.Logger

	wmu sync.Mutex
	w   *bufio.Writer
}

func newStream(rw io.ReadWriteCloser, logger *log.Logger) *stream {
	return &stream{r: bufio.NewReaderSize(rw, maxHeaderLine), closer: rw, log: logger, w: bufio.NewWriter(rw)}
}

// WriteObject writes one message.
func (s *stream) WriteObject(obj any) error {
	data, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := fmt.Fprintf(s.w, "Content-Length: %d\r\n\r\n", len(data)); err != nil {
		return err
	}
	if _, err := s.w.Write(data); err != nil {
		return err
	}
	return s.w.Flush()
}

func (s *stream) Close() error { return s.closer.Close() }

// ReadObject reads the next message that is a valid request or response
// into v, answering every bad one on the way.
func (s *stream) ReadObject(v any) error {
	resync := false
	for {
		body, err := s.readFrame(resync)
		resync = false
		var bad *badFrame
		switch {
		case errors.As(err, &bad):
			s.log.Printf("%s", bad.msg)
			s.replyError(nil, bad.code, bad.msg)
			if bad.userMsg != "" {
				s.showMessage(bad.userMsg)
			}
			resync = true
			continue
		case errors.Is(err, io.ErrUnexpectedEOF):
			s.log.Printf("the input ended inside a message: the editor went away or sent a wrong Content-Length")
			return err
		case err != nil:
			return err
		}
		id, rpcErr := checkMessage(body)
		if rpcErr == nil {
			if err := json.Unmarshal(body, v); err != nil {
				rpcErr = &jsonrpc2.Error{Code: codeInvalidRequest, Message: "not a JSON-RPC request or response: " + err.Error()}
			}
		}
		if rpcErr != nil {
			s.log.Printf("%s", rpcErr.Message)
			s.replyError(id, rpcErr.Code, rpcErr.Message)
			continue
		}
		return nil
	}
}

// badFrame is a message that cannot be read: its frame is broken or too
// large, so where the next message starts must be found again.
type badFrame struct {
	code    int64
	msg     string
	userMsg string // for window/showMessage, when the user must know
}

func (b *badFrame) Error() string { return b.msg }

// readFrame reads one message's header and body. With resync it first
// skips to the next Content-Length header line.
func (s *stream) readFrame(resync bool) ([]byte, error) {
	length, err := s.readHeader(resync)
	if err != nil {
		return nil, err
	}
	if length > maxMessageSize {
		return nil, &badFrame{
			code: codeInvalidRequest,
			msg: fmt.Sprintf("a message of %d bytes is over the limit of %d MiB: skipped, unread (dflint lints documents of up to %d MiB)",
				length, maxMessageSize>>20, runner.MaxFileSize>>20),
			userMsg: fmt.Sprintf("dflint: the editor sent a message of %.1f MiB, over the language server's limit of %d MiB; it was skipped, so a document in it is not linted (dflint lints Dockerfiles of up to %d MiB).",
				float64(length)/(1<<20), maxMessageSize>>20, runner.MaxFileSize>>20),
		}
	}
	// Grow the buffer as bytes arrive: a Content-Length is a claim, not a
	// promise, and is not allocated up front.
	var body bytes.Buffer
	body.Grow(int(min(length, 64<<10)))
	if _, err := io.CopyN(&body, s.r, length); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return body.Bytes(), nil
}

// readHeader reads header lines up to the empty one and returns the
// Content-Length. io.EOF before the first byte is the end of the session.
func (s *stream) readHeader(resync bool) (int64, error) {
	length := int64(-1)
	lines := 0
	if resync {
		n, err := s.resync()
		if err != nil {
			return 0, err
		}
		length, lines = n, 1
	}
	for {
		line, err := s.r.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			return 0, &badFrame{code: codeParseError, msg: fmt.Sprintf("a header line is over %d KiB: not the protocol's Content-Length framing", maxHeaderLine>>10)}
		case err == io.EOF && lines == 0 && len(line) == 0:
			return 0, io.EOF
		case err == io.EOF:
			return 0, io.ErrUnexpectedEOF
		case err != nil:
			return 0, err
		}
		text, ok := strings.CutSuffix(string(line), "\r\n")
		if !ok {
			return 0, &badFrame{code: codeParseError, msg: fmt.Sprintf("header line %q does not end in \\r\\n, as the protocol's framing requires", line)}
		}
		if text == "" {
			break
		}
		if lines++; lines > maxHeaderLines {
			return 0, &badFrame{code: codeParseError, msg: fmt.Sprintf("a message has more than %d header lines: not the protocol's Content-Length framing", maxHeaderLines)}
		}
		name, value, ok := strings.Cut(text, ":")
		if !ok {
			return 0, &badFrame{code: codeParseError, msg: fmt.Sprintf("header line %q is not \"Name: value\"", text)}
		}
		if !strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			continue // Content-Type, or a header a later protocol may add
		}
		n, err := parseLength(value)
		if err != nil {
			return 0, &badFrame{code: codeParseError, msg: fmt.Sprintf("Content-Length %q: %v", strings.TrimSpace(value), err)}
		}
		if length >= 0 && n != length {
			return 0, &badFrame{code: codeParseError, msg: fmt.Sprintf("two different Content-Length headers (%d and %d)", length, n)}
		}
		length = n
	}
	if length < 0 {
		return 0, &badFrame{code: codeParseError, msg: "a message has no Content-Length header, which the protocol requires"}
	}
	return length, nil
}

// parseLength reads a Content-Length value: decimal digits only.
func parseLength(value string) (int64, error) {
	v := strings.TrimSpace(value)
	if v == "" || strings.TrimLeft(v, "0123456789") != "" {
		return 0, errors.New("not a number of bytes")
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, errors.New("too large a number")
	}
	return n, nil
}

// resync skips input up to and including the next line
// "Content-Length: <digits>\r\n" (the name in any case) and returns its
// length. In valid JSON that line cannot occur: outside strings there are
// no bare words, and inside a string a raw \r or \n is not allowed. So the
// body of a message with a broken header is passed over whole, and the
// match is the next real message's header. Memory is bounded: the scan
// holds one byte and a counter.
func (s *stream) resync() (int64, error) {
	const name = "content-length:"
	matched := 0
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return 0, err // EOF here is the end of the session
		}
		switch {
		case matched < len(name) && lower(c) == name[matched]:
			matched++
			if matched < len(name) {
				continue
			}
			line, err := s.r.ReadSlice('\n')
			if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
				return 0, err
			}
			if text, ok := strings.CutSuffix(string(line), "\r\n"); ok {
				if n, err := parseLength(text); err == nil {
					return n, nil
				}
			}
			matched = 0
		case lower(c) == name[0]:
			matched = 1
		default:
			matched = 0
		}
	}
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// checkMessage tells whether a body is a JSON-RPC 2.0 request,
// notification or response, as far as the session needs. id is the
// message's own id when it could be read (nil otherwise: null in the
// answer).
func checkMessage(body []byte) (id *jsonrpc2.ID, rpcErr *jsonrpc2.Error) {
	invalid := func(msg string) (*jsonrpc2.ID, *jsonrpc2.Error) {
		return id, &jsonrpc2.Error{Code: codeInvalidRequest, Message: msg}
	}
	if !json.Valid(body) {
		return nil, &jsonrpc2.Error{Code: codeParseError, Message: "a message is not valid JSON"}
	}
	switch trimmed := bytes.TrimLeft(body, " \t\r\n"); {
	case len(trimmed) > 0 && trimmed[0] == '[':
		return invalid("a batch (a JSON array of messages): the Language Server Protocol does not use them; send one message per frame")
	case len(trimmed) == 0 || trimmed[0] != '{':
		return invalid("a message is not a JSON object")
	}
	var m struct {
		JSONRPC json.RawMessage `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Method  json.RawMessage `json:"method"`
		Params  json.RawMessage `json:"params"`
		Result  json.RawMessage `json:"result"`
		Error   json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		return invalid("a message is not a JSON-RPC message: " + err.Error())
	}
	if m.ID != nil {
		var parsed jsonrpc2.ID
		if err := json.Unmarshal(m.ID, &parsed); err != nil || string(m.ID) == "null" {
			return invalid(fmt.Sprintf("id %s is neither a string nor a non-negative integer", m.ID))
		}
		id = &parsed
	}
	if string(m.JSONRPC) != `"2.0"` {
		return invalid(`a message without "jsonrpc": "2.0"`)
	}
	if m.Method != nil {
		var method string
		if err := json.Unmarshal(m.Method, &method); err != nil || method == "" {
			return invalid(fmt.Sprintf("method %s is not a method name", m.Method))
		}
		if p := bytes.TrimLeft(m.Params, " \t\r\n"); len(p) > 0 && p[0] != '{' && p[0] != '[' && string(p) != "null" {
			return invalid(fmt.Sprintf("%s: params must be an object or an array", method))
		}
		return id, nil
	}
	if id != nil && (m.Result != nil || m.Error != nil) {
		return id, nil // a response to a request of the server's
	}
	return invalid("a message that is neither a request (no method) nor a response (no id with a result or error)")
}

// replyError answers a message that is not read any further. With no id,
// the id is null, as JSON-RPC requires when it could not be read.
func (s *stream) replyError(id *jsonrpc2.ID, code int64, msg string) {
	resp := struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      *jsonrpc2.ID    `json:"id"`
		Error   *jsonrpc2.Error `json:"error"`
	}{"2.0", id, &jsonrpc2.Error{Code: code, Message: msg}}
	if err := s.WriteObject(resp); err != nil {
		s.log.Printf("cannot answer a bad message: %v", err)
	}
}

// showMessage tells the user about a message that was dropped.
func (s *stream) showMessage(msg string) {
	note := struct {
		JSONRPC string                     `json:"jsonrpc"`
		Method  string                     `json:"method"`
		Params  protocol.ShowMessageParams `json:"params"`
	}{"2.0", protocol.ServerWindowShowMessage, protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: msg}}
	if err := s.WriteObject(note); err != nil {
		s.log.Printf("cannot send %s: %v", protocol.ServerWindowShowMessage, err)
	}
}
