#!/usr/bin/env node
// Produces src/test/resources/ilp-vectors.json with the Mojaloop SDK's own ILP implementation
// (@mojaloop/sdk-standard-components, installed under lab/ttk by `npm install` there).
// The Java tests read the committed JSON; they never run this script.
//
//   cd lab/ttk && npm install && cd ../..
//   node routes/fspiop-core/src/test/node/ilp-vectors.js
//
// TTK_DIR overrides where the node_modules holding the SDK live.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const moduleDir = path.resolve(__dirname, '..', '..', '..');
const ttkDir = process.env.TTK_DIR || path.resolve(moduleDir, '..', '..', 'lab', 'ttk');
const ttkRequire = createRequire(path.join(ttkDir, 'package.json'));
// Resolve the SDK's own dependencies from the SDK, not from lab/ttk (nested versions may differ).
const sdkMain = ttkRequire.resolve('@mojaloop/sdk-standard-components');
const sdkRequire = createRequire(sdkMain);
const sdk = sdkRequire(sdkMain);
const { ilpFactory, ILP_VERSIONS } = sdk.Ilp;
const currencyDecimals = sdkRequire('./lib/ilp/currency.json');

const versionOf = (req, name) => {
    // Walk up from the resolved entry point to the package's package.json.
    let dir = path.dirname(req.resolve(name));
    while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'))).name !== name) {
        dir = path.dirname(dir);
    }
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'))).version;
};

const logger = { child() { return this; }, debug() {}, warn() {}, info() {}, isDebugEnabled: false };
const SECRET = 'payment-hub-ilp-secret';
const ilp = (version, secret = SECRET) => ilpFactory(version, { secret, logger });

const party = (fspId, partyIdType, partyIdentifier, extra = {}) => ({
    partyIdInfo: { partyIdType, partyIdentifier, fspId, ...extra.idInfo },
    ...extra.rest,
});

const quoteRequest = (n, amount, currency, more = {}) => ({
    quoteId: `9f1c2a4e-0000-4000-8000-00000000000${n}`,
    transactionId: `7b3d5e6f-0000-4000-8000-00000000000${n}`,
    payee: party('payeefsp', 'MSISDN', `2557000000${n}`),
    payer: party('payerfsp', 'MSISDN', `2557100000${n}`),
    amountType: 'SEND',
    amount: { amount, currency },
    transactionType: { scenario: 'TRANSFER', initiator: 'PAYER', initiatorType: 'CONSUMER' },
    ...more,
});

const quoteResponse = (amount, currency, expiration, note) => ({
    transferAmount: { amount, currency },
    expiration,
    ...(note !== undefined && { note }),
    ilpPacket: 'replaced', condition: 'replaced',
});

const EXP = '2030-01-02T03:04:05.678Z';

// Each case: a quote request and the payee's quote response; the SDK turns them into the
// transaction object (dto.transactionObjectDto) and then into packet, condition and fulfilment.
const quoteCases = [
    { name: 'USD 10', req: quoteRequest(1, '10', 'USD'), res: quoteResponse('10', 'USD', EXP) },
    { name: 'TZS 1500.5', req: quoteRequest(2, '1500.5', 'TZS'), res: quoteResponse('1500.5', 'TZS', EXP, 'School fees') },
    { name: 'JPY 1500', req: quoteRequest(3, '1500', 'JPY'), res: quoteResponse('1500', 'JPY', EXP) },
    { name: 'BHD 0.001 (3 decimals)', req: quoteRequest(4, '0.001', 'BHD'), res: quoteResponse('0.001', 'BHD', EXP) },
    { name: 'CLF 0.0001 (4 decimals, the smallest FSPIOP amount)', req: quoteRequest(5, '0.0001', 'CLF'), res: quoteResponse('0.0001', 'CLF', EXP) },
    { name: 'XOF 0', req: quoteRequest(6, '0', 'XOF'), res: quoteResponse('0', 'XOF', EXP) },
    { name: 'USD 999999999999999.99 (large)', req: quoteRequest(7, '999999999999999.99', 'USD'), res: quoteResponse('999999999999999.99', 'USD', EXP) },
    { name: 'EUR 12.3 with offset expiration', req: quoteRequest(8, '12.3', 'EUR'), res: quoteResponse('12.3', 'EUR', '2030-06-30T23:59:59.999+02:00') },
    { name: 'USD 25 with expiration without milliseconds', req: quoteRequest(9, '25', 'USD'), res: quoteResponse('25', 'USD', '2030-01-02T03:04:05Z') },
    {
        name: 'KES 100 with unicode, escapes, sub-id, extensions and a unicode secret',
        secret: 'sécret-🔑',
        req: quoteRequest(0, '100', 'KES', {
            payee: {
                partyIdInfo: { partyIdType: 'ALIAS', partyIdentifier: 'ShopKeeper.Ünï', partySubIdOrType: 'Till-7', fspId: 'PayeeFSP' },
                name: 'Zoë "Shop" O\'Brien',
                personalInfo: { complexName: { firstName: 'Zoë', lastName: 'Ñúñez' }, dateOfBirth: '1980-01-01' },
            },
            payer: {
                partyIdInfo: { partyIdType: 'PERSONAL_ID', partyIdentifier: 'AB12345', partySubIdOrType: 'DRIVING_LICENSE', fspId: 'payerfsp' },
                merchantClassificationCode: '4321',
            },
            transactionType: { scenario: 'PAYMENT', subScenario: 'LOCALLY_DEFINED', initiator: 'PAYER', initiatorType: 'BUSINESS', balanceOfPayments: '123' },
            extensionList: { extension: [{ key: 'k', value: 'v' }] },
        }),
        res: quoteResponse('100', 'KES', EXP, 'Tab\there, newline\nthere, "quotes", back\\slash, </tag>, \u0001 control, emoji 😀, accent é, line sep \u2028'),
    },
    { name: 'empty note is left out', req: quoteRequest(1, '10', 'USD'), res: quoteResponse('10', 'USD', EXP, '') },
    // Failures: what the SDK refuses, so that the Java side refuses the same.
    { name: 'USD 0.001: more decimals than the currency has', req: quoteRequest(1, '0.001', 'USD'), res: quoteResponse('0.001', 'USD', EXP) },
    { name: 'JPY 1500.5: JPY has no minor unit', req: quoteRequest(3, '1500.5', 'JPY'), res: quoteResponse('1500.5', 'JPY', EXP) },
    { name: 'XDR 1: FSPIOP currency missing from the SDK table', req: quoteRequest(1, '1', 'XDR'), res: quoteResponse('1', 'XDR', EXP) },
    { name: 'no expiration: ILP v4 needs one, v1 does not', req: quoteRequest(1, '10', 'USD'), res: quoteResponse('10', 'USD', undefined) },
];

// Transaction objects built by other code (the Testing Toolkit builds its own, in another key order).
const ttkStyle = (n) => {
    const req = quoteRequest(n, '42.42', 'USD');
    return {
        transactionId: req.transactionId,
        quoteId: req.quoteId,
        payee: req.payee,
        payer: req.payer,
        amount: req.amount,
        transactionType: req.transactionType,
        expiration: EXP,
        note: undefined,
    };
};
const objectCases = [
    { name: 'Testing Toolkit key order', obj: ttkStyle(1) },
];

const run = (fn) => {
    try { return fn(); } catch (e) { return { error: e.message }; }
};

const b64url = (buf) => buf.toString('base64').replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');

const v4Details = (ilpObj, r) => {
    const p = ilpObj.decodeIlpPacket(r.ilpPacket);
    return {
        ...r,
        fulfilmentFromPacket: ilpObj.calculateFulfil(r.ilpPacket),
        packet: {
            type: Buffer.from(r.ilpPacket, 'base64')[0],
            amount: p.amount,
            expiresAt: p.expiresAt.toISOString(),
            executionCondition: b64url(p.executionCondition),
            destination: p.destination,
            data: p.data.toString('ascii'),
        },
    };
};

const v1Details = (ilpObj, r) => {
    const p = ilpObj.decodeIlpPacket(r.ilpPacket);
    return {
        ...r,
        fulfilmentFromPacket: ilpObj.calculateFulfil(r.ilpPacket),
        packet: {
            type: Buffer.from(r.ilpPacket, 'base64')[0],
            amount: p.amount,
            account: p.account,
            data: p.data.toString('ascii'),
        },
    };
};

const both = (secret, makeObject, generate) => {
    const v4 = ilp(ILP_VERSIONS.v4, secret);
    const v1 = ilp(ILP_VERSIONS.v1, secret);
    return {
        transactionObjectJson: run(() => JSON.stringify(makeObject())),
        v4: run(() => v4Details(v4, generate(v4))),
        v1: run(() => v1Details(v1, generate(v1))),
    };
};

const quotes = quoteCases.map((c) => {
    const dto = sdkRequire('./lib/dto');
    return {
        name: c.name,
        ...(c.secret && { secret: c.secret }),
        quoteRequest: c.req,
        quoteResponse: c.res,
        ...both(c.secret || SECRET,
            () => dto.transactionObjectDto(c.req, c.res),
            (i) => i.getQuoteResponseIlp(c.req, c.res)),
    };
});

const transactionObjects = objectCases.map((c) => ({
    name: c.name,
    transactionObject: c.obj,
    ...both(SECRET, () => c.obj, (i) => i.getResponseIlp(c.obj)),
}));

// A POST /transfers as the payer DFSP builds it from the first quote, and the SDK's verdicts.
const first = quotes[0];
const transfer = (ilpResult, change = {}) => ({
    transferId: '5a2ad5dc-0000-4000-8000-000000000001',
    payerFsp: 'payerfsp',
    payeeFsp: 'payeefsp',
    amount: { amount: '10', currency: 'USD' },
    ilpPacket: ilpResult.ilpPacket,
    condition: ilpResult.condition,
    expiration: '2030-01-02T03:04:00.000Z',
    ...change,
});
const transferChecks = ['v4', 'v1'].flatMap((version) => {
    const i = ilp(ILP_VERSIONS[version]);
    const r = first[version];
    return [
        { name: `${version} as quoted`, body: transfer(r) },
        { name: `${version} amount changed`, body: transfer(r, { amount: { amount: '11', currency: 'USD' } }) },
        { name: `${version} currency changed`, body: transfer(r, { amount: { amount: '10', currency: 'EUR' } }) },
        { name: `${version} payee FSP changed`, body: transfer(r, { payeeFsp: 'otherfsp' }) },
        { name: `${version} payer FSP changed`, body: transfer(r, { payerFsp: 'otherfsp' }) },
    ].map((t) => ({
        version,
        ...t,
        sdkValidateIlpAgainstTransferRequest: i.validateIlpAgainstTransferRequest(t.body),
        sdkValidateFulfil: i.validateFulfil(i.calculateFulfil(t.body.ilpPacket), t.body.condition),
    }));
});

// JSON.stringify(JSON.parse(text)): the fulfilment is a MAC over this exact text.
const jsonTexts = [
    '{"b":1,"2":2,"a":3,"1":4,"01":5,"4294967295":6,"4294967294":7,"-1":8}',
    '{"a":1,"b":2,"a":3}',
    '[0,-0,1,-1,0.1,1.5,100,1e21,1e20,123456789012345678901,0.000001,0.0000001,1.7976931348623157e308,5e-324,2.2250738585072014e-308,9007199254740993,1e400,-1e400,12345678.9,0.1e1,3.0,1E2]',
    '{"s":"\\u0001\\u001f\\b\\t\\n\\f\\r\\"\\\\\\/\\u007f\\u2028\\u2029\\ud800\\udc00 é 😀 <>&\'"}',
    '{"nested":{"list":[true,false,null,{"x":[]},{}],"e":""}}',
];
const jsonStringify = jsonTexts.map((text) => ({ text, stringified: JSON.stringify(JSON.parse(text)) }));

const output = {
    comment: 'Generated by src/test/node/ilp-vectors.js from the Mojaloop SDK; do not edit by hand.',
    generator: {
        node: process.version,
        '@mojaloop/sdk-standard-components': versionOf(ttkRequire, '@mojaloop/sdk-standard-components'),
        'ilp-packet': versionOf(sdkRequire, 'ilp-packet'),
        'ilp-packet-v1': versionOf(sdkRequire, 'ilp-packet-v1'),
        '@mojaloop/ml-number': versionOf(sdkRequire, '@mojaloop/ml-number'),
    },
    secret: SECRET,
    currencyDecimals,
    quotes,
    transactionObjects,
    transferChecks,
    jsonStringify,
};

const target = path.join(moduleDir, 'src', 'test', 'resources', 'ilp-vectors.json');
fs.writeFileSync(target, JSON.stringify(output, null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), target)}: ${quotes.length} quotes, ${transactionObjects.length} objects, ${transferChecks.length} transfer checks, ${jsonStringify.length} JSON texts`);
