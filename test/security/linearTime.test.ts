/**
 * Issue 15, point 1: reading a postback costs work linear in its size, whatever the body. The XML
 * field reader counts the characters it examines (ScanWork); each adversarial body up to 1 MiB must
 * cost no more than a small multiple of its scanned length, and no more than a few times a benign
 * body of the same size. No timing is asserted.
 */
import { decodeXmlText, MAX_XML_SCAN_CHARS, xmlElementText, type ScanWork } from '../../nodes/PrintOs/SiteFlowTrigger/xmlFields';
import fc from 'fast-check';

import { jsonTextTooDeep, MAX_JSON_DEPTH, valueTooDeep } from '../../nodes/PrintOs/SiteFlowTrigger/jsonDepth';

const SIZES = [1024, 16 * 1024, 256 * 1024, 1024 * 1024];

/** Fills a body of exactly `size` characters with `unit` after `head`. */
function fill(size: number, head: string, unit: string, tail = ''): string {
	const room = size - head.length - tail.length;
	return `${head}${unit.repeat(Math.ceil(room / unit.length)).slice(0, room)}${tail}`;
}

const ADVERSARIAL: Record<string, (size: number) => string> = {
	'a whitespace run after an opener': (size) => fill(size, '<status>', ' '),
	'a whitespace run inside an opener': (size) => fill(size, '<status', ' '),
	'a whitespace run before a closing tag never closed': (size) => fill(size, '<status>x</status', ' '),
	'repeated openers with attributes': (size) => fill(size, '', '<status '),
	'repeated openers closed late': (size) => fill(size, '', '<status a="', '>x'),
	'repeated CDATA openers': (size) => fill(size, '', '<status><![CDATA['),
	'CDATA closed, then spaces without a closing tag': (size) => fill(size, '', '<status><![CDATA[', `]]>${' '.repeat(1000)}`),
	'repeated less-than signs': (size) => fill(size, '', '<'),
	'near-miss names': (size) => fill(size, '', '<statu<statusx<status\t'),
	'entity flood inside a value': (size) => fill(size, '<status>', '&amp;&#99999999;&#x110000;&&&;', '</status>'),
};

function benign(size: number): string {
	return fill(size, '<postback><event>Order Received</event>', '<note>some ordinary text here</note>', '<status>printready</status></postback>');
}

function workFor(text: string, name = 'status'): number {
	const work: ScanWork = { steps: 0 };
	xmlElementText(text, name, work);
	return work.steps;
}

describe('the XML field reader does linear work on any body', () => {
	it.each(Object.keys(ADVERSARIAL))('%s: a bounded multiple of the scanned length, up to 1 MiB', (name) => {
		for (const size of SIZES) {
			const text = ADVERSARIAL[name](size);
			expect(text.length).toBe(size);
			const scanned = Math.min(size, MAX_XML_SCAN_CHARS);
			const steps = workFor(text);
			expect(steps).toBeLessThanOrEqual(6 * scanned + 100);
			// and never much more than a benign body of the same size
			expect(steps).toBeLessThanOrEqual(8 * workFor(benign(size)) + 1000);
		}
	});

	it('scans only the documented prefix of a body: a field after it is not found', () => {
		const before = `<status>early</status>${' '.repeat(MAX_XML_SCAN_CHARS)}`;
		expect(xmlElementText(before, 'status')).toBe('early');
		const after = `${' '.repeat(MAX_XML_SCAN_CHARS)}<status>late</status>`;
		expect(xmlElementText(after, 'status')).toBeUndefined();
	});

	it('still reads what the old pattern read', () => {
		expect(xmlElementText('<a><Status  kind="x" >\n  printready \n</STATUS ></a>', 'status')).toBe('printready');
		expect(xmlElementText('<status a="<status>">one</status>', 'status')).toBe('">one');
		expect(xmlElementText('<status><![CDATA[ a &amp; <b> ]]>  </status>', 'status')).toBe('a &amp; <b>');
		expect(xmlElementText('<statusx>no</statusx><status>yes</status>', 'status')).toBe('yes');
		expect(xmlElementText('<status><b>nested</b></status><status>second</status>', 'status')).toBe('second');
		expect(xmlElementText('<status></status>', 'status')).toBeUndefined();
	});
});

/** The pattern the reader replaced (CDATA ending at its first `]]>`, as XML has it), for small bodies only. */
function oldPattern(text: string): string | undefined {
	const match = /<status(?:\s[^>]*)?>\s*(?:<!\[CDATA\[((?:(?!\]\]>)[\s\S])*)\]\]>|([^<]*))\s*<\/status\s*>/i.exec(text);
	if (!match) return undefined;
	const value = match[1] !== undefined ? match[1].trim() : match[2].trim().replace(/&lt;/g, '<').replace(/&amp;/g, '&');
	return value === '' ? undefined : value;
}

describe('same answers as the old pattern', () => {
	const TOKENS = ['<status', '<Status', '</status', '</STATUS', '>', ' ', '\n', '<![CDATA[', ']]>', 'a', 'x=1', '"', '<', '&amp;', '&lt;', '/', 'statusx'];
	it('on random bodies made of tags, spaces, CDATA and entities', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }), (tokens) => {
				const text = tokens.join('');
				expect(xmlElementText(text, 'status')).toBe(oldPattern(text));
			}),
			{ numRuns: 3000, seed: 15 },
		);
	});
});

describe('character references never throw', () => {
	it.each([
		['&#99999999;', '&#99999999;'],
		['&#x110000;', '&#x110000;'],
		['&#xFFFFFFFFFF;', '&#xFFFFFFFFFF;'],
		['&#65;&#x42;&lt;&amp;lt;', 'AB<&lt;'],
		['&unknown; & &;', '&unknown; & &;'],
	])('decodes %s as %s', (input, expected) => {
		expect(decodeXmlText(input)).toBe(expected);
	});

	it('an entity flood costs linear work', () => {
		for (const size of SIZES) {
			const work: ScanWork = { steps: 0 };
			decodeXmlText('&'.repeat(size), work);
			expect(work.steps).toBeLessThanOrEqual(14 * size);
		}
	});
});

describe('JSON nesting depth', () => {
	it(`finds nesting beyond ${MAX_JSON_DEPTH} levels in one pass, strings and escapes skipped`, () => {
		expect(jsonTextTooDeep(Buffer.from(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`))).toBe(false);
		expect(jsonTextTooDeep(Buffer.from(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`))).toBe(true);
		expect(jsonTextTooDeep(Buffer.from(JSON.stringify({ text: '{'.repeat(10_000), quote: '\\"[[[' })))).toBe(false);
		expect(jsonTextTooDeep(Buffer.from('{"a":'.repeat(1024 * 1024 / 5)))).toBe(true);
	});

	it('checks a value n8n parsed already, without recursion', () => {
		let deep: unknown = 'leaf';
		for (let level = 0; level < 10_000; level++) deep = { next: deep };
		expect(valueTooDeep(deep)).toBe(true);
		expect(valueTooDeep({ a: [{ b: { c: 1 } }] })).toBe(false);
	});
});
