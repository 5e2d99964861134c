// The web that dtw lint --online meets in the tests: HTTP servers on
// 127.0.0.1 only, on free ports, each standing for one host, and an HTTPS
// one whose certificate nobody trusts.
//
//   node server.js DIR [--latency MS]
//
// Once listening, writes DIR/ports ("a=PORT", "b=PORT", "tls=PORT",
// "closed=PORT" — a port nothing listens on — and with --hosts N, h1=PORT
// to hN=PORT) and logs every request to DIR/log as "PORT METHOD PATH
// INFLIGHT ALL MS" (INFLIGHT: requests of that port in progress, this
// one included; ALL: of every port; MS: since start). Runs until killed.
// --latency MS delays every answer. The path says what to answer:
//
//   /ok /any        200          /404 /410 /403 /500   that status
//   /to/CODE/REST   CODE with Location: /REST (301, 302, 307, 308 ...),
//                   the query kept
//   /abs/CODE/PORT/REST  CODE with Location: http://127.0.0.1:PORT/REST
//   /loop/a /loop/b each redirects to the other
//   /nohead/CODE    HEAD gets CODE, GET 200
//   /429/KEY        429 with Retry-After: 1 the first time, then 200
//   /503/KEY        503 the first time, then 200
//   /stall          never answers          /reset   resets the connection
//   /slow/MS        200 after MS ms
//   /ua             200 when the User-Agent is dtw's, else 400
//   /drophead       HEAD: the connection dropped; GET 200
//   /trickle        HEAD 405; GET 200 at once, then its body a byte a second
//   /paren          301 to /ok/a)b, which would end a Markdown link
//   /file           301 to file:///etc/passwd
//   /toinvalid      301 to http://gone.invalid/x
'use strict';
const http = require('http');
const https = require('https');
const fs = require('fs');
const net = require('net');
const path = require('path');

const dir = process.argv[2];
const li = process.argv.indexOf('--latency');
const latency = li > 0 ? Number(process.argv[li + 1]) : 0;
const hi = process.argv.indexOf('--hosts');
const nhosts = hi > 0 ? Number(process.argv[hi + 1]) : 0;
let all = 0;
const t0 = Date.now();
const seen = new Map();
const inflight = new Map();
const logfd = fs.openSync(path.join(dir, 'log'), 'a');

function handler(port) {
	return (req, res) => {
		const n = (inflight.get(port) || 0) + 1;
		inflight.set(port, n);
		all++;
		fs.writeSync(logfd, `${port} ${req.method} ${req.url} ${n} ${all} ${Date.now() - t0}\n`);
		let done = false;
		const end = (code, headers) => {
			if (done)
				return;
			done = true;
			inflight.set(port, inflight.get(port) - 1);
			all--;
			res.writeHead(code, Object.assign({ 'Content-Type': 'text/plain' }, headers || {}));
			res.end(req.method === 'HEAD' ? undefined : 'x'.repeat(code === 200 ? 200000 : 10));
		};
		res.on('close', () => {
			if (!done) {
				done = true;
				inflight.set(port, inflight.get(port) - 1);
				all--;
			}
		});
		const p = req.url.split('?')[0].split('/').slice(1);
		const q = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
		const answer = () => {
			const first = !seen.has(req.url);
			seen.set(req.url, true);
			switch (p[0]) {
			case 'ok': case 'any': return end(200);
			case '404': case '410': case '403': case '500': return end(Number(p[0]));
			case 'to': return end(Number(p[1]), { Location: '/' + p.slice(2).join('/') + q });
			case 'abs': return end(Number(p[1]), { Location: `http://127.0.0.1:${p[2]}/` + p.slice(3).join('/') + q });
			case 'loop': return end(301, { Location: p[1] === 'a' ? '/loop/b' : '/loop/a' });
			case 'nohead': return end(req.method === 'HEAD' ? Number(p[1]) : 200);
			case '429': return first ? end(429, { 'Retry-After': '1' }) : end(200);
			case '503': return first ? end(503) : end(200);
			case 'stall': return; // never
			case 'reset':
				done = true;
				inflight.set(port, inflight.get(port) - 1);
				all--;
				return req.socket.resetAndDestroy();
			case 'slow': return setTimeout(() => end(200), Number(p[1]));
			case 'drophead':
				if (req.method !== 'HEAD')
					return end(200);
				done = true;
				inflight.set(port, inflight.get(port) - 1);
				all--;
				return req.socket.destroy();
			case 'trickle': {
				if (req.method === 'HEAD')
					return end(405);
				res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '100000' });
				const t = setInterval(() => res.write('x'), 1000);
				res.on('close', () => clearInterval(t));
				return;
			}
			case 'paren': return end(301, { Location: '/ok/a)b' + q });
			case 'file': return end(301, { Location: 'file:///etc/passwd' });
			case 'toinvalid': return end(301, { Location: 'http://gone.invalid/x' });
			case 'ua': return end(/^dtw\/[0-9.]+ \(/.test(req.headers['user-agent'] || '') ? 200 : 400);
			default: return end(404);
			}
		};
		if (latency)
			setTimeout(answer, latency);
		else
			answer();
	};
}

function listen(server) {
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

async function main() {
	const ports = {};
	const names = ['a', 'b'];
	for (let i = 1; i <= nhosts; i++)
		names.push('h' + i);
	for (const name of names) {
		const s = http.createServer();
		s.keepAliveTimeout = 30000;
		ports[name] = await listen(s);
		s.on('request', handler(ports[name]));
	}
	const tls = https.createServer({
		key: fs.readFileSync(path.join(__dirname, 'key.pem')),
		cert: fs.readFileSync(path.join(__dirname, 'cert.pem')),
	});
	ports.tls = await listen(tls);
	tls.on('request', handler(ports.tls));
	const c = net.createServer();
	ports.closed = await new Promise((resolve) => c.listen(0, '127.0.0.1', () => resolve(c.address().port)));
	await new Promise((resolve) => c.close(resolve));
	const text = Object.entries(ports).map(([k, v]) => `${k}=${v}\n`).join('');
	fs.writeFileSync(path.join(dir, 'ports.tmp'), text);
	fs.renameSync(path.join(dir, 'ports.tmp'), path.join(dir, 'ports'));
}

process.on('SIGTERM', () => process.exit(0));
main();
