/**
 * Nesting depth of JSON postbacks. A body nested thousands of levels deep parses, but n8n copies
 * items recursively later on and would overflow its stack; such bodies are refused before any
 * workflow starts. Both checks are single passes without recursion.
 */

/** JSON postbacks nested deeper than this (objects and arrays) are answered 400. Site Flow's own are under 10. */
export const MAX_JSON_DEPTH = 100;

/** Whether JSON text opens more than `limit` objects or arrays inside each other (strings skipped). */
export function jsonTextTooDeep(raw: Buffer, limit = MAX_JSON_DEPTH): boolean {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < raw.length; index++) {
		const byte = raw[index];
		if (inString) {
			if (byte === 0x5c /* \ */) index++;
			else if (byte === 0x22 /* " */) inString = false;
		} else if (byte === 0x22) {
			inString = true;
		} else if (byte === 0x7b /* { */ || byte === 0x5b /* [ */) {
			if (++depth > limit) return true;
		} else if (byte === 0x7d /* } */ || byte === 0x5d /* ] */) {
			depth--;
		}
	}
	return false;
}

/** The same rule for a value n8n parsed already (no raw text at hand). */
export function valueTooDeep(value: unknown, limit = MAX_JSON_DEPTH): boolean {
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length) {
		const [current, depth] = stack.pop()!;
		if (typeof current !== 'object' || current === null) continue;
		if (depth + 1 > limit) return true;
		for (const child of Object.values(current)) {
			if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
		}
	}
	return false;
}
