/**
 * Reads a field from an XML (or any text) postback: the text of the first element with that name.
 *
 * Postback bodies come from the internet, so this is a hand-written scanner instead of a regular
 * expression: every character of the scanned text is looked at a bounded number of times, whatever
 * the body (whitespace runs, repeated openers, unclosed CDATA, entity floods). Only the first
 * MAX_XML_SCAN_CHARS characters are scanned; a field written after them is not found.
 *
 * Matches what `<name(\s[^>]*)?>\s*(<![CDATA[…]]>|[^<]*)\s*</name\s*>` (case-insensitive) would:
 * the first such element wins, an empty value gives undefined.
 */

/** How much of a text body is searched for fields (256 KiB; Site Flow templates are a few KiB). */
export const MAX_XML_SCAN_CHARS = 256 * 1024;

/** Longest entity reference decoded (`&#x10FFFF;` is 10 characters with its `&`). */
const MAX_ENTITY_LENGTH = 12;

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

/** Counts characters examined, so tests can bound the work a body costs without timing it. */
export interface ScanWork {
	steps: number;
}

function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0b || code === 0x0c;
}

function characterReference(entity: string): string | undefined {
	const hex = entity.startsWith('#x') || entity.startsWith('#X');
	const digits = entity.slice(hex ? 2 : 1);
	if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
	const code = parseInt(digits, hex ? 16 : 10);
	// out of Unicode's range: kept as written instead of throwing
	return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

function referenceValue(entity: string): string | undefined {
	if (entity.startsWith('#')) return characterReference(entity);
	return Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, entity) ? NAMED_ENTITIES[entity] : undefined;
}

/** Decodes the five XML entities and character references in one pass; anything else stays as written. */
export function decodeXmlText(text: string, work: ScanWork = { steps: 0 }): string {
	let at = text.indexOf('&');
	if (at === -1) {
		work.steps += text.length;
		return text;
	}
	let out = text.slice(0, at);
	while (at !== -1) {
		const limit = Math.min(text.length, at + MAX_ENTITY_LENGTH);
		let semicolon = -1;
		for (let index = at + 1; index < limit; index++) {
			if (text.charCodeAt(index) === 0x3b) {
				semicolon = index;
				break;
			}
		}
		work.steps += limit - at;
		const decoded = semicolon === -1 ? undefined : referenceValue(text.slice(at + 1, semicolon));
		let next: number;
		if (decoded !== undefined) {
			out += decoded;
			next = semicolon + 1;
		} else {
			out += '&';
			next = at + 1;
		}
		at = text.indexOf('&', next);
		const end = at === -1 ? text.length : at;
		work.steps += end - next;
		out += text.slice(next, end);
	}
	return out;
}

/**
 * The first `>`, `]]>` or `<` at or after a position, remembered: a later question from a position
 * before the remembered answer has the same answer, so no stretch of text is searched twice.
 */
class NextOccurrence {
	private last: { from: number; found: number } | undefined;

	constructor(
		private readonly text: string,
		private readonly needle: string,
		private readonly work: ScanWork,
	) {}

	at(position: number): number {
		const last = this.last;
		if (last && position >= last.from && (last.found === -1 || position <= last.found)) return last.found;
		const found = this.text.indexOf(this.needle, position);
		this.work.steps += (found === -1 ? this.text.length : found) - position + 1;
		this.last = { from: position, found };
		return found;
	}
}

/**
 * Whether `text` holds `name` at `at`, ASCII case-insensitively (`lowerName` is lower-case ASCII).
 * Past the end of the text `charCodeAt` is NaN, which matches no character.
 */
function nameAt(text: string, at: number, lowerName: string, work: ScanWork): boolean {
	for (let index = 0; index < lowerName.length; index++) {
		work.steps++;
		let code = text.charCodeAt(at + index);
		if (code >= 0x41 && code <= 0x5a) code += 0x20;
		if (code !== lowerName.charCodeAt(index)) return false;
	}
	return true;
}

function skipSpaces(text: string, at: number, work: ScanWork): number {
	let index = at;
	// past the end of the text `charCodeAt` is NaN, which is no space
	while (isSpace(text.charCodeAt(index))) index++;
	work.steps += index - at + 1;
	return index;
}

/**
 * The text of the first element named `name` (ASCII letters, digits, `_`, `.`, `-`), entities
 * decoded (CDATA kept as written), or undefined when there is none or it is empty.
 */
export function xmlElementText(fullText: string, name: string, work: ScanWork = { steps: 0 }): string | undefined {
	const text = fullText.slice(0, MAX_XML_SCAN_CHARS);
	const lowerName = name.toLowerCase();
	const nextGt = new NextOccurrence(text, '>', work);
	const nextCdataEnd = new NextOccurrence(text, ']]>', work);
	const nextLt = new NextOccurrence(text, '<', work);
	// whether a closing tag sits at a position
	const closingAt = (at: number): boolean =>
		text.charCodeAt(at) === 0x3c &&
		text.charCodeAt(at + 1) === 0x2f &&
		nameAt(text, at + 2, lowerName, work) &&
		text.charCodeAt(skipSpaces(text, at + 2 + lowerName.length, work)) === 0x3e;
	// openers inside one CDATA section share its end: the spaces after it are skipped once
	let lastClosingAfter: { at: number; found: boolean } | undefined;
	const closingAfter = (at: number): boolean => {
		if (lastClosingAfter?.at !== at) lastClosingAfter = { at, found: closingAt(skipSpaces(text, at, work)) };
		return lastClosingAfter.found;
	};
	// what follows an opener's `>` decides the match alone: an opener ending at the same `>` fails the same way
	let failedAfterGt: number | undefined;

	let from = 0;
	for (;;) {
		const lt = text.indexOf('<', from);
		work.steps += (lt === -1 ? text.length : lt) - from + 1;
		if (lt === -1) return undefined;
		from = lt + 1;
		if (!nameAt(text, lt + 1, lowerName, work)) continue;
		const afterName = lt + 1 + lowerName.length;
		const code = text.charCodeAt(afterName);
		let gt: number;
		if (code === 0x3e) gt = afterName;
		else if (isSpace(code)) gt = nextGt.at(afterName);
		else continue;
		// no `>` left: no later element can be complete either
		if (gt === -1) return undefined;
		if (gt === failedAfterGt) continue;

		const contentStart = skipSpaces(text, gt + 1, work);
		if (text.startsWith('<![CDATA[', contentStart)) {
			const cdataEnd = nextCdataEnd.at(contentStart + 9);
			if (cdataEnd !== -1 && closingAfter(cdataEnd + 3)) {
				const value = text.slice(contentStart + 9, cdataEnd).trim();
				return value === '' ? undefined : value;
			}
		} else {
			// -1 when no `<` is left: no closing tag there, and no later opener can be closed either
			const end = nextLt.at(contentStart);
			if (closingAt(end)) {
				const raw = text.slice(gt + 1, end);
				work.steps += raw.length;
				const value = decodeXmlText(raw.trim(), work);
				return value === '' ? undefined : value;
			}
		}
		failedAfterGt = gt;
	}
}
