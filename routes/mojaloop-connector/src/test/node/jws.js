#!/usr/bin/env node
// Mojaloop's own JWS signer and validator (@mojaloop/sdk-standard-components, as installed with the
// Testing Toolkit under lab/ttk), for JwsInteropIT. Reads one JSON object from stdin:
//   {"sign": {"method","url","headers","body","privateKey"}}    -> prints the headers it added
//   {"verify": {"headers","body","publicKey","source"}}         -> prints "valid" or exits 1 with the reason
'use strict';

const path = require('node:path');
const { createRequire } = require('node:module');

const ttkDir = process.env.TTK_DIR || path.resolve(__dirname, '..', '..', '..', '..', '..', 'lab', 'ttk');
const ttkRequire = createRequire(path.join(ttkDir, 'package.json'));
const sdkMain = ttkRequire.resolve('@mojaloop/sdk-standard-components');
const { Jws } = createRequire(sdkMain)(sdkMain);
const quiet = { child: () => quiet, debug: () => {}, error: () => {}, info: () => {}, isDebugEnabled: false };

let input = '';
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const request = JSON.parse(input);
  try {
    if (request.sign) {
      const { method, url, headers, body, privateKey } = request.sign;
      const options = { method, uri: url, headers: { ...headers }, body };
      new Jws.signer({ signingKey: privateKey, logger: quiet }).sign(options);
      process.stdout.write(JSON.stringify(options.headers));
    } else {
      const { headers, body, publicKey, source } = request.verify;
      new Jws.validator({ validationKeys: { [source]: publicKey }, logger: quiet }).validate({ headers, body: JSON.parse(body) });
      process.stdout.write('valid');
    }
  } catch (e) {
    process.stdout.write(String(e.message || e));
    process.exitCode = 1;
  }
});
