/**
 * The trigger's own answers to Site Flow: refusals written straight to n8n's response (JSON, exact
 * Content-Length, a Basic challenge where due) and the early 200 before Fetch Full Order.
 */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const UNAUTHORIZED_BODY = Buffer.from(
	JSON.stringify({ message: 'Unauthorized: the postback does not carry the credentials this trigger expects' }),
);
export const MISCONFIGURED_BODY = Buffer.from(
	JSON.stringify({
		message: 'The n8n Site Flow trigger cannot check postbacks: its postback credential is missing or incomplete',
	}),
);
/** The part of Node's ServerResponse (n8n hands an Express response) the trigger writes to. */
export interface PostbackResponse {
	headersSent: boolean;
	statusCode: number;
	setHeader(name: string, value: string | number): unknown;
	end(body?: Buffer): unknown;
}

export const BASIC_CHALLENGE = 'Basic realm="Site Flow postbacks", charset="UTF-8"';

export function answer(res: PostbackResponse, status: number, body: Buffer | undefined, challenge?: string): void {
	if (res.headersSent) return;
	res.statusCode = status;
	if (challenge) res.setHeader('www-authenticate', challenge);
	if (body === undefined) {
		res.setHeader('content-length', 0);
		res.end();
		return;
	}
	res.setHeader('content-type', JSON_CONTENT_TYPE);
	res.setHeader('content-length', body.length);
	res.end(body);
}

/** A refusal whose body is `{message}`. */
export function refuse(res: PostbackResponse, status: number, message: string): void {
	answer(res, status, Buffer.from(JSON.stringify({ message })));
}
