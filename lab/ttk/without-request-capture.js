// Preloaded into the Testing Toolkit (NODE_OPTIONS=--require=...). The Toolkit loads request-to-curl,
// which hooks every outgoing HTTP request of the process to keep a copy of what it writes, so that
// its outbound test runner can show a request as a curl command. On a keep-alive connection each
// request wraps the previous one's hook and keeps all their copies until the connection closes: in
// hub mode, forwarding over connections the hub keeps open, the Toolkit's heap grew with the square
// of the requests sent on one connection and ran out after about 1,000 transfers. The hook is
// installed only where ClientRequest has no toCurl yet, so one defined first keeps it out. Hub mode
// never asks for a curl command; this one names the request without its body.
'use strict'
const http = require('http')

if (!http.ClientRequest.prototype.toCurl) {
  http.ClientRequest.prototype.toCurl = function () {
    const headers = this.getHeaders()
    return `curl -X ${this.method} '${this.protocol || 'http:'}//${headers.host}${this.path}'`
  }
}
