// Command oracle answers questions about bootstrap tokens with the real upstream Go code,
// for kubetoken's differential test (core/tests/differential.rs).
//
// Protocol: one JSON object per line on stdin, {"fn": "<name>", ...args}; one JSON object
// per line on stdout, in the same order: {"ok": <result>} or {"err": "<message>"}.
// Unknown functions and malformed requests answer {"bad": "<why>"} (a bug in the caller,
// never a verdict). The process runs until stdin closes.
//
// What decides each answer is upstream code: k8s.io/cluster-bootstrap, k8s.io/apimachinery,
// k8s.io/client-go, k8s.io/kubernetes (kubeadm's bootstraptoken/v1, validation and pubkeypin;
// the kube-apiserver's bootstrap token authenticator) and Go's own time and crypto/x509.
// The only logic written here is glue, plus k3s's hashCA (pkg/clientaccess/token.go),
// whose decisions are Go's crypto/x509 verifier's.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
)

type request map[string]json.RawMessage

type handler func(r request) (any, error)

var handlers = map[string]handler{}

func register(name string, h handler) { handlers[name] = h }

// badRequest marks a caller mistake (missing/ill-typed argument), reported as {"bad": ...}.
type badRequest struct{ msg string }

func (b badRequest) Error() string { return b.msg }

func arg[T any](r request, key string) T {
	var v T
	raw, ok := r[key]
	if !ok {
		panic(badRequest{"missing argument " + key})
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		panic(badRequest{fmt.Sprintf("argument %s: %v", key, err)})
	}
	return v
}

func optArg[T any](r request, key string, def T) T {
	if _, ok := r[key]; !ok {
		return def
	}
	return arg[T](r, key)
}

func answer(r request) (out map[string]any) {
	defer func() {
		if p := recover(); p != nil {
			if b, ok := p.(badRequest); ok {
				out = map[string]any{"bad": b.msg}
				return
			}
			// An upstream panic is a verdict too: report it distinctly.
			out = map[string]any{"err": fmt.Sprintf("panic: %v", p), "panic": true}
		}
	}()
	name := arg[string](r, "fn")
	h, ok := handlers[name]
	if !ok {
		return map[string]any{"bad": "unknown fn " + name}
	}
	v, err := h(r)
	if err != nil {
		return map[string]any{"err": err.Error()}
	}
	return map[string]any{"ok": v}
}

func main() {
	// Parsed offsets are kept as fixed zones regardless of the machine's zone.
	time.Local = time.UTC
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			var r request
			var resp map[string]any
			if jerr := json.Unmarshal(line, &r); jerr != nil {
				resp = map[string]any{"bad": "request is not a JSON object: " + jerr.Error()}
			} else {
				resp = answer(r)
			}
			if eerr := enc.Encode(resp); eerr != nil {
				fmt.Fprintln(os.Stderr, "oracle: encode:", eerr)
				os.Exit(1)
			}
			// Flush when the caller has nothing more buffered for us (end of a batch).
			if in.Buffered() == 0 {
				if ferr := out.Flush(); ferr != nil {
					os.Exit(1)
				}
			}
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "oracle: read:", err)
			os.Exit(1)
		}
	}
}
