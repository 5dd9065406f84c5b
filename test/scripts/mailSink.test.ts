/**
 * The local mail sink the e2e suite sends n8n's emails to: a multipart message with attachments,
 * sent over SMTP as nodemailer writes it (base64 folded at 76 characters, parameters on folded
 * header lines, RFC 2231 names), comes back as the same bytes and file names.
 */
import crypto from 'node:crypto';
import net from 'node:net';

import { attachmentsOf, startMailSink, type MailSink } from '../../scripts/lib/mailSink';

let sink: MailSink;

beforeAll(async () => {
	sink = await startMailSink(0);
});
afterAll(async () => {
	await sink.close();
});

/** Speaks just enough SMTP to hand over one message, waiting for each reply. */
async function sendRaw(port: number, message: string): Promise<void> {
	const socket = net.connect(port, '127.0.0.1');
	let received = '';
	const replies: string[] = [];
	socket.on('data', (chunk) => {
		received += chunk.toString('utf8');
		let end: number;
		while ((end = received.indexOf('\r\n')) !== -1) {
			replies.push(received.slice(0, end));
			received = received.slice(end + 2);
		}
	});
	const nextReply = async (code: string) => {
		for (let waited = 0; waited < 5000; waited += 10) {
			const index = replies.findIndex((line) => /^\d{3} /.test(line));
			if (index !== -1) {
				const [line] = replies.splice(0, index + 1).slice(-1);
				if (!line.startsWith(code)) throw new Error(`expected ${code}, got ${line}`);
				return;
			}
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		throw new Error(`no ${code} reply`);
	};
	const say = async (line: string, code: string) => {
		socket.write(`${line}\r\n`);
		await nextReply(code);
	};
	await nextReply('220');
	await say('EHLO test', '250');
	await say('MAIL FROM:<shop@example.com>', '250');
	await say('RCPT TO:<customer@example.com>', '250');
	await say('DATA', '354');
	await say(`${message.replace(/^\./gm, '..')}\r\n.`, '250');
	socket.end('QUIT\r\n');
}

function base64Lines(bytes: Buffer): string {
	return bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
}

it('decodes every attachment of a multipart message with its file name, type and bytes', async () => {
	const pdf = crypto.randomBytes(5000);
	const photo = crypto.randomBytes(1234);
	const message = [
		'From: shop@example.com',
		'To: customer@example.com',
		'Subject: Your proof',
		'MIME-Version: 1.0',
		'Content-Type: multipart/mixed;',
		' boundary="--_outer_boundary"',
		'',
		'----_outer_boundary',
		'Content-Type: text/plain; charset=utf-8',
		'Content-Transfer-Encoding: quoted-printable',
		'',
		'Your proof is attached.',
		'.a line that starts with a dot',
		'----_outer_boundary',
		'Content-Type: application/pdf; name=proof.pdf',
		'Content-Transfer-Encoding: base64',
		'Content-Disposition: attachment;',
		' filename="proof.pdf"',
		'',
		base64Lines(pdf),
		'----_outer_boundary',
		'Content-Type: image/jpeg',
		'Content-Transfer-Encoding: base64',
		"Content-Disposition: attachment; filename*=utf-8''caf%C3%A9%20photo.jpg",
		'',
		base64Lines(photo),
		'----_outer_boundary--',
		'',
	].join('\r\n');
	await sendRaw(sink.port, message);

	const mail = sink.messages.at(-1)!;
	expect(mail.subject).toBe('Your proof');
	const attachments = attachmentsOf(mail);
	expect(attachments.map(({ fileName, contentType, bytes }) => ({ fileName, contentType, size: bytes.length }))).toEqual([
		{ fileName: 'proof.pdf', contentType: 'application/pdf', size: pdf.length },
		{ fileName: 'café photo.jpg', contentType: 'image/jpeg', size: photo.length },
	]);
	expect(attachments[0].bytes.equals(pdf)).toBe(true);
	expect(attachments[1].bytes.equals(photo)).toBe(true);
});

it('finds no attachment in a plain message', async () => {
	await sendRaw(sink.port, ['From: shop@example.com', 'Subject: Plain', '', 'Nothing attached.', ''].join('\r\n'));
	expect(attachmentsOf(sink.messages.at(-1)!)).toEqual([]);
});
