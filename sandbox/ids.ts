/**
 * Mongo-style 24-hex ids (PrintOS ids look like `58f63d6b72e1311000f612b5`): seconds, a per-process
 * random part and a counter, so ids made by one sandbox sort in creation order.
 */
import { createHash, randomBytes } from 'crypto';

const processPart = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

export function objectId(nowMs: number = Date.now()): string {
	counter = (counter + 1) % 0x1000000;
	const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8);
	return `${seconds}${processPart}${counter.toString(16).padStart(6, '0')}`;
}

/** A stable id for seeded things, so a persisted state still points at them after a restart. */
export function stableId(name: string): string {
	return createHash('sha1').update(`printos-sandbox:${name}`).digest('hex').slice(0, 24);
}

export function randomToken(bytes = 16): string {
	return randomBytes(bytes).toString('hex');
}
