/**
 * The XML field reader of the Site Flow trigger (nodes/PrintOs/SiteFlowTrigger/xmlFields.ts): which
 * element it reads, how it decodes the text, where it stops scanning, and the work it counts. The
 * big adversarial bodies (up to 1 MiB) and the comparison with the regular expression it replaced
 * are in test/security/linearTime.test.ts; these are the module's own fast tests, one rule each.
 */
import { decodeXmlText, MAX_XML_SCAN_CHARS, xmlElementText, type ScanWork } from '../../nodes/PrintOs/SiteFlowTrigger/xmlFields';

function read(text: string, name = 'status'): string | undefined {
	return xmlElementText(text, name);
}

function readWork(text: string, name = 'status'): number {
	const work: ScanWork = { steps: 0 };
	xmlElementText(text, name, work);
	return work.steps;
}

function decodeWork(text: string): number {
	const work: ScanWork = { steps: 0 };
	decodeXmlText(text, work);
	return work.steps;
}

describe('decodeXmlText', () => {
	it('leaves text without references as it is', () => {
		expect(decodeXmlText('Order Received')).toBe('Order Received');
		expect(decodeXmlText('')).toBe('');
	});

	it('decodes the five named entities, case-sensitively', () => {
		expect(decodeXmlText('&lt;&gt;&quot;&apos;&amp;')).toBe('<>"\'&');
		expect(decodeXmlText('&LT;&Amp;')).toBe('&LT;&Amp;');
	});

	it('keeps the text around references', () => {
		expect(decodeXmlText('head &amp; tail')).toBe('head & tail');
		expect(decodeXmlText('&amp;tail')).toBe('&tail');
		expect(decodeXmlText('head&amp;')).toBe('head&');
		expect(decodeXmlText('x;&amp;')).toBe('x;&');
	});

	it('decodes in one pass: a decoded ampersand does not start another reference', () => {
		expect(decodeXmlText('&amp;lt;')).toBe('&lt;');
		expect(decodeXmlText('&amp;#65;')).toBe('&#65;');
	});

	it('keeps other names as written, including names every object has', () => {
		for (const text of ['&nbsp;', '&unknown;', '&constructor;', '&toString;', '&__proto__;', '&hasOwnProperty;']) {
			expect(decodeXmlText(text)).toBe(text);
		}
	});

	it('keeps an ampersand without a reference as written', () => {
		expect(decodeXmlText('&')).toBe('&');
		expect(decodeXmlText('a & b')).toBe('a & b');
		expect(decodeXmlText('&&amp;&')).toBe('&&&');
		expect(decodeXmlText('&;')).toBe('&;');
		expect(decodeXmlText('R&D')).toBe('R&D');
		expect(decodeXmlText('&amp')).toBe('&amp');
		expect(decodeXmlText('x &lt')).toBe('x &lt');
	});

	it('decodes decimal and hexadecimal character references, either x', () => {
		expect(decodeXmlText('&#65;&#x41;&#X41;&#x6a;&#x6A;&#xaBc;')).toBe('AAAjj\u0abc');
		expect(decodeXmlText('&#233;t&#xE9;')).toBe('été');
		expect(decodeXmlText('&#128512;')).toBe('\u{1F600}');
	});

	it("decodes up to the last code point of Unicode and keeps a reference beyond it as written", () => {
		expect(decodeXmlText('&#1114111;')).toBe('\u{10FFFF}');
		expect(decodeXmlText('&#x10FFFF;')).toBe('\u{10FFFF}');
		expect(decodeXmlText('&#1114112;')).toBe('&#1114112;');
		expect(decodeXmlText('&#x110000;')).toBe('&#x110000;');
		expect(decodeXmlText('&#99999999;&#xFFFFFFFF;')).toBe('&#99999999;&#xFFFFFFFF;');
	});

	it.each([
		['no digits', '&#;'],
		['no hex digits', '&#x;'],
		['a letter after decimal digits', '&#5x;'],
		['a letter before decimal digits', '&#a5;'],
		['a minus sign', '&#-5;'],
		['a plus sign', '&#+5;'],
		['a space before the digits', '&# 5;'],
		['a space after the digits', '&#5 ;'],
		['a non-hex letter after hex digits', '&#x5g;'],
		['a minus sign in hex', '&#x-5;'],
		['a space before hex digits', '&#x 5;'],
		['two x', '&#xx41;'],
		['a decimal point', '&#6.5;'],
	])('keeps a malformed character reference (%s) as written', (_case, text) => {
		expect(decodeXmlText(text)).toBe(text);
		expect(decodeXmlText(`a${text}b&amp;`)).toBe(`a${text}b&`);
	});

	it('reads a reference of at most 12 characters, & and ; included', () => {
		expect(decodeXmlText('&#000000065;')).toBe('A');
		expect(decodeXmlText('&#000000065;x')).toBe('Ax');
		expect(decodeXmlText('&#0000000065;')).toBe('&#0000000065;');
		expect(decodeXmlText('&#x000000041;')).toBe('&#x000000041;');
		expect(decodeXmlText('&#x00000041;')).toBe('A');
	});

	it('counts at least every character it decodes, and a bounded multiple of them', () => {
		const bodies = [
			'plain text without references '.repeat(300),
			'x&amp;'.repeat(1500),
			`&amp;${'t'.repeat(9000)}`,
			'&'.repeat(9000),
			'&#x10FFFF;&#99999999;&bogus;&&'.repeat(300),
			'&#0000000000000000000065;'.repeat(400),
		];
		for (const text of bodies) {
			const steps = decodeWork(text);
			expect(steps).toBeGreaterThanOrEqual(text.length);
			expect(steps).toBeLessThanOrEqual(13 * text.length);
		}
	});
});

describe('xmlElementText: which element is read', () => {
	it('reads the text of the element, entities decoded', () => {
		expect(read('<postback><event>Order Received</event></postback>', 'event')).toBe('Order Received');
		expect(read('<status>a &amp; b &lt;c&gt; &#x41;</status>')).toBe('a & b <c> A');
	});

	it('takes the first element of the name', () => {
		expect(read('<status>one</status><status>two</status>')).toBe('one');
	});

	it('matches names ASCII case-insensitively, whatever the case of the name asked for', () => {
		expect(read('<STATUS>upper</Status>')).toBe('upper');
		expect(read('<status>lower</status>', 'Status')).toBe('lower');
		expect(read('<Zone>z</ZONE>', 'zone')).toBe('z');
		expect(read('<AZ>edges</az>', 'az')).toBe('edges');
		expect(read('<Order.Item-ID_2>x</ORDER.ITEM-id_2>', 'order.item-id_2')).toBe('x');
	});

	it('does not read an element whose name only starts or ends with the name', () => {
		expect(read('<statusx>no</statusx>')).toBeUndefined();
		expect(read('<statusx>no</status>')).toBeUndefined();
		expect(read('<statusx>no</statusx><status>yes</status>')).toBe('yes');
		expect(read('<mystatus>no</mystatus>')).toBeUndefined();
		expect(read('<ns:status>no</ns:status>')).toBeUndefined();
	});

	it('needs its own closing tag after the text', () => {
		expect(read('<status>v</shapes>')).toBeUndefined();
		expect(read('<status>v</statusx>')).toBeUndefined();
		expect(read('<status>v<xstatus>')).toBeUndefined();
		expect(read('<status>v')).toBeUndefined();
		expect(read('<status>v</status')).toBeUndefined();
		expect(read('<number>12</status>')).toBeUndefined();
	});

	it('ends the opening tag at any XML whitespace after the name, attributes ignored', () => {
		for (const space of [' ', '\t', '\n', '\r', '\u000b', '\u000c']) {
			expect(read(`<status${space}kind="a" id='2'>v</status>`)).toBe('v');
		}
		expect(read('<status\u00a0kind="a">v</status>')).toBeUndefined();
		expect(read('<status\u2003>v</status>')).toBeUndefined();
	});

	it('ends the opening tag at its first ">", even inside an attribute value', () => {
		expect(read('<status a="<status>">one</status>')).toBe('">one');
		expect(read('<status a="x>y">one</status>')).toBe('y">one');
	});

	it('allows XML whitespace before the ">" of the closing tag', () => {
		expect(read('<status>v</status \t\r\n\u000b\u000c>')).toBe('v');
		expect(read('<status>v</ status>')).toBeUndefined();
	});

	it('trims the value but keeps the whitespace inside it', () => {
		expect(read('<status>\n\t  print  ready \r\n</status>')).toBe('print  ready');
	});

	it('gives nothing for an empty or blank element', () => {
		expect(read('<status></status>')).toBeUndefined();
		expect(read('<status> \n\t </status>')).toBeUndefined();
	});

	it('gives nothing for an element holding other elements, and reads a later one that holds text', () => {
		expect(read('<status><b>x</b></status>')).toBeUndefined();
		expect(read('<status>a<b>c</b></status>')).toBeUndefined();
		expect(read('<status><b>nested</b></status><status>second</status>')).toBe('second');
		expect(read('<order><status>outer<status>inner</status></status></order>')).toBe('inner');
	});

	it('reads the text of an element after an opener that is never completed', () => {
		expect(read('<status>a<status>b</status>')).toBe('b');
		expect(read('<status>a</b><status>b</status>')).toBe('b');
	});

	it('treats a self-closing element as empty and reads a later one', () => {
		expect(read('<status/>')).toBeUndefined();
		expect(read('<status/><status>v</status>')).toBe('v');
		expect(read('<status /><status>v</status>')).toBe('v');
	});

	it('finds nothing in text without a complete element', () => {
		expect(read('no markup', 'event')).toBeUndefined();
		expect(read('')).toBeUndefined();
		expect(read('<status')).toBeUndefined();
		expect(read('<stat')).toBeUndefined();
		expect(read('<status a="1"')).toBeUndefined();
		expect(read('v</status><status a')).toBeUndefined();
		expect(read('v</status><status')).toBeUndefined();
	});
});

describe('xmlElementText: CDATA', () => {
	it('keeps a CDATA section as written, trimmed, whitespace allowed around it', () => {
		expect(read('<status><![CDATA[<b>]]></status>')).toBe('<b>');
		expect(read('<status>\n  <![CDATA[ a &amp; <b> ]]>  \n</status>')).toBe('a &amp; <b>');
	});

	it('gives nothing for an empty or blank CDATA section', () => {
		expect(read('<status><![CDATA[]]></status>')).toBeUndefined();
		expect(read('<status><![CDATA[ \n ]]></status>')).toBeUndefined();
	});

	it('ends a CDATA section at its first "]]>"', () => {
		expect(read('<status><![CDATA[a]]>b]]></status>')).toBeUndefined();
		expect(read('<status><![CDATA[<status>inner]]></status>')).toBe('<status>inner');
	});

	it('looks for the end of a CDATA section only after its start', () => {
		expect(read('<status ]]><![CDATA[v]]></status>')).toBe('v');
	});

	it('needs the closing tag right after the CDATA section', () => {
		expect(read('<status><![CDATA[v]]>x</status>')).toBeUndefined();
		expect(read('<status><![CDATA[v]]>x/status>')).toBeUndefined();
		expect(read('<status><![CDATA[v]]><b/></status>')).toBeUndefined();
	});

	it('gives nothing for a CDATA section never closed, whatever comes before it', () => {
		expect(read('<status><![CDATA[oops</status>')).toBeUndefined();
		expect(read('a </status><status><![CDATA[oops')).toBeUndefined();
	});

	it('reads a later element after a CDATA section that does not complete one', () => {
		expect(read('<status><![CDATA[a]]>x</status><status>b</status>')).toBe('b');
		expect(read('<status><![CDATA[never closed <status>b</status>')).toBe('b');
	});

	it('reads a CDATA element after another whose CDATA section ended at the same "]]>"', () => {
		expect(read('<status><![CDATA[<status><![CDATA[v]]></status>')).toBe('<status><![CDATA[v');
	});
});

describe('xmlElementText: the scan cap', () => {
	const element = '<status>found</status>';

	it(`reads an element ending at character ${MAX_XML_SCAN_CHARS} and not one ending a character later`, () => {
		const atEdge = `${' '.repeat(MAX_XML_SCAN_CHARS - element.length)}${element}`;
		expect(atEdge.length).toBe(MAX_XML_SCAN_CHARS);
		expect(read(atEdge)).toBe('found');
		expect(read(`${atEdge}more text after`)).toBe('found');
		expect(read(` ${atEdge}`)).toBeUndefined();
	});

	it('counts work for the scanned part only', () => {
		const body = `<status>${' '.repeat(4 * MAX_XML_SCAN_CHARS)}`;
		const steps = readWork(body);
		expect(steps).toBeGreaterThanOrEqual(MAX_XML_SCAN_CHARS);
		expect(steps).toBeLessThanOrEqual(6 * MAX_XML_SCAN_CHARS);
	});
});

/** Fills a body of exactly `size` characters with `unit` between `head` and `tail`. */
function fill(size: number, head: string, unit: string, tail = ''): string {
	const room = size - head.length - tail.length;
	return `${head}${unit.repeat(Math.ceil(room / unit.length)).slice(0, room)}${tail}`;
}

const SIZE = 16 * 1024;

describe('xmlElementText: the work it counts', () => {
	it.each<[string, string]>([
		['plain text', fill(SIZE, '', 'no markup at all ')],
		['a whitespace run after an opener', fill(SIZE, '<status>', ' ')],
		['a whitespace run inside an opener', fill(SIZE, '<status', ' ')],
		['a whitespace run before a closing tag never closed', fill(SIZE, '<status>x</status', ' ')],
		['near-miss names', fill(SIZE, '', '<statusx')],
		['repeated less-than signs', fill(SIZE, '', '<')],
		['an unclosed CDATA section', fill(SIZE, '<status><![CDATA[', 'x')],
	])('counts at least every character of %s it scans to find nothing', (_case, body) => {
		expect(read(body)).toBeUndefined();
		expect(readWork(body)).toBeGreaterThanOrEqual(body.length);
	});

	it('counts the characters of a value when finding its end and again when decoding it', () => {
		const value = 'v'.repeat(SIZE);
		const body = `<status>${value}</status>`;
		expect(read(body)).toBe(value);
		expect(readWork(body)).toBeGreaterThanOrEqual(2 * value.length);
	});

	it.each<[string, string]>([
		['a whitespace run after an opener', fill(SIZE, '<status>', ' ')],
		['a whitespace run inside an opener', fill(SIZE, '<status', ' ')],
		['repeated openers with attributes', fill(SIZE, '', '<status ')],
		['repeated openers sharing one far ">"', fill(SIZE, '', '<status a="', '>x')],
		['repeated openers sharing one ">", then a whitespace run', `${'<status a="'.repeat(SIZE / 22)}>${' '.repeat(SIZE / 2)}<b>`],
		['repeated CDATA openers never closed', fill(SIZE, '', '<status><![CDATA[')],
		['repeated CDATA openers ending at one "]]>", then a whitespace run', `${'<status><![CDATA['.repeat(SIZE / 34)}]]>${' '.repeat(SIZE / 2)}x`],
		['CDATA sections each followed by a near-miss closing tag', fill(SIZE, '', '<status><![CDATA[a]]> </statusx>')],
		['repeated less-than signs', fill(SIZE, '', '<')],
		['near-miss names', fill(SIZE, '', '<statu<statusx<status\t')],
		['an entity flood inside a value', fill(SIZE, '<status>', '&amp;&#99999999;&#x110000;&&&;', '</status>')],
		['nested openers never closed', fill(SIZE, '', '<status>a')],
	])('counts a bounded multiple of the length of %s', (_case, body) => {
		expect(readWork(body)).toBeLessThanOrEqual(6 * body.length + 100);
	});
});
