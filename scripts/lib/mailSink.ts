/**
 * A tiny SMTP server on 127.0.0.1 that accepts every message and keeps it in memory, so the
 * "shipped" e-mail example can run with n8n's own Send Email node without a real mail server.
 * Just enough SMTP for nodemailer: EHLO/HELO, optional AUTH, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
 */
import net from 'node:net';

export interface ReceivedMail {
	from: string;
	to: string[];
	subject: string;
	/** Headers and body with quoted-printable soft breaks and escapes undone. */
	text: string;
	raw: string;
}

export interface MailSink {
	port: number;
	messages: ReceivedMail[];
	/** Called for each message (npm start prints a summary). */
	onMessage?: (mail: ReceivedMail) => void;
	close(): Promise<void>;
}

export function decodeQuotedPrintable(text: string): string {
	return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface MailAttachment {
	fileName: string;
	contentType: string;
	bytes: Buffer;
}

/** Headers (names lower-cased, folded lines joined) and body of one MIME entity. */
function splitEntity(entity: string): { headers: Record<string, string>; body: string } {
	const match = /\r?\n\r?\n/.exec(entity);
	const head = match ? entity.slice(0, match.index) : entity;
	const body = match ? entity.slice(match.index + match[0].length) : '';
	const headers: Record<string, string> = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers, body };
}

/** A header parameter such as `filename="proof.pdf"`, plain or RFC 2231 encoded (`filename*=utf-8''...`). */
function headerParameter(value: string | undefined, name: string): string | undefined {
	if (!value) return undefined;
	const encoded = new RegExp(`;\\s*${name}\\*=(?:[\\w-]*'[\\w-]*')?("[^"]*"|[^;\\s]+)`, 'i').exec(value)?.[1];
	if (encoded) return decodeURIComponent(encoded.replace(/^"|"$/g, ''));
	return new RegExp(`;\\s*${name}=("[^"]*"|[^;\\s]+)`, 'i').exec(value)?.[1]?.replace(/^"|"$/g, '');
}

function collectAttachments(entity: string, found: MailAttachment[]): void {
	const { headers, body } = splitEntity(entity);
	const contentType = headers['content-type'] ?? 'text/plain';
	const boundary = /^multipart\//i.test(contentType) ? headerParameter(contentType, 'boundary') : undefined;
	if (boundary) {
		const parts = body.split(`--${boundary}`).slice(1);
		for (const part of parts) {
			if (part.startsWith('--')) break;
			collectAttachments(part.replace(/^\r?\n/, ''), found);
		}
		return;
	}
	const fileName = headerParameter(headers['content-disposition'], 'filename') ?? headerParameter(contentType, 'name');
	if (!fileName) return;
	const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
	const content = body.replace(/\r?\n$/, '');
	const bytes =
		encoding === 'base64'
			? Buffer.from(content.replace(/\s+/g, ''), 'base64')
			: Buffer.from(encoding === 'quoted-printable' ? decodeQuotedPrintable(content) : content, 'latin1');
	found.push({ fileName, contentType: contentType.split(';')[0].trim().toLowerCase(), bytes });
}

/** The attachments of a received message (parts that name a file), decoded. */
export function attachmentsOf(mail: Pick<ReceivedMail, 'raw'>): MailAttachment[] {
	const found: MailAttachment[] = [];
	collectAttachments(mail.raw, found);
	return found;
}

export function startMailSink(port = 0): Promise<MailSink> {
	const sink: MailSink = { port: 0, messages: [], close: async () => undefined };
	const server = net.createServer((socket) => {
		let buffer = '';
		let inData = false;
		let from = '';
		let to: string[] = [];
		let authStep = 0;
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 printos-mail-sink ESMTP');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end === -1) return;
					const raw = buffer.slice(0, end).replace(/^\.\./gm, '.');
					buffer = buffer.slice(end + 5);
					inData = false;
					const text = decodeQuotedPrintable(raw);
					const subject = text.match(/^Subject: (.*)$/im)?.[1]?.trim() ?? '';
					const mail = { from, to, subject, text, raw };
					sink.messages.push(mail);
					sink.onMessage?.(mail);
					reply('250 OK: queued');
					continue;
				}
				const newline = buffer.indexOf('\r\n');
				if (newline === -1) return;
				const line = buffer.slice(0, newline);
				buffer = buffer.slice(newline + 2);
				if (authStep > 0) {
					// AUTH LOGIN: username, then password; any values are accepted.
					authStep = authStep === 1 ? 2 : 0;
					reply(authStep === 2 ? '334 UGFzc3dvcmQ6' : '235 Authenticated');
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') reply('250-printos-mail-sink\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME');
				else if (verb === 'HELO') reply('250 printos-mail-sink');
				else if (verb === 'AUTH') {
					if (/^AUTH LOGIN/i.test(line)) {
						authStep = 1;
						reply('334 VXNlcm5hbWU6');
					} else reply('235 Authenticated');
				} else if (verb === 'MAIL') {
					from = line.match(/<([^>]*)>/)?.[1] ?? '';
					to = [];
					reply('250 OK');
				} else if (verb === 'RCPT') {
					to.push(line.match(/<([^>]*)>/)?.[1] ?? '');
					reply('250 OK');
				} else if (verb === 'DATA') {
					inData = true;
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'QUIT') {
					reply('221 Bye');
					socket.end();
				} else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK');
				else reply('502 Command not implemented');
			}
		});
		socket.on('error', () => undefined);
	});
	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(port, '127.0.0.1', () => {
			sink.port = (server.address() as net.AddressInfo).port;
			sink.close = () =>
				new Promise((done) => {
					server.close(() => done());
					// Drop idle pooled connections so close() finishes.
					server.unref();
					setTimeout(done, 1000).unref();
				});
			resolve(sink);
		});
	});
}
