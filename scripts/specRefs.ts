/**
 * Lists comments that cite the team's outside API notes ("spec §3.5", O-/S-/A-/B-numbers, bracketed
 * evidence tags) instead of `docs/printos-api.md`, each with the anchor that replaces it.
 *
 *   npx tsx scripts/specRefs.ts            markdown table on stdout
 *   npx tsx scripts/specRefs.ts --check    exit 1 while any such citation is left
 *   npx tsx scripts/specRefs.ts test docs  other folders than nodes/, credentials/ and sandbox/
 *
 * Run it again after merging: line numbers move, the rules do not.
 */
import { execFileSync } from 'child_process';

import { repoRoot } from './lib/paths';

const DEFAULT_FOLDERS = ['nodes', 'credentials', 'sandbox'];

/**
 * What counts as a citation of the outside notes. Amazon "S3" and prose "spec" are not, nor the
 * evidence tags ([DOC], [3P], ...), which docs/printos-api.md#evidence defines.
 */
const CITATION =
	/spec\s*§|spec [OAB]\d|spec's|the spec\b|\b(S(1\d|[0-24-9]|[2-4]\d)[ab]?)\b|\bO\d{1,2}\b|\bB[1-6]\b|§\d/;

interface Rule {
	/** Matched against the path; undefined means any file. */
	file?: RegExp;
	/** Matched against the line. */
	line: RegExp;
	anchor: string;
}

/** First match wins: file-specific rules before general ones, narrow sections before wide. */
const RULES: Rule[] = [
	{ file: /sandbox\/auth\.ts$|sandbox\/README\.md$/, line: /403|\[INFER\]/, anchor: 'q-service-user' },
	{ file: /sandbox\/README\.md$/, line: /§3\.5/, anchor: 'order-checks' },
	{ file: /sandbox\/README\.md$/, line: /leaves them open/, anchor: 'open-questions' },
	{ file: /lifecycle\.ts$/, line: /never be fetched/, anchor: 'order-artwork' },
	{ line: /Mongo/, anchor: 'box-facts' },
	{ line: /§0 tags/, anchor: 'evidence' },
	{ line: /§3\.3, §3\.4/, anchor: 'site-flow' },
	{ file: /findOrderProblems\.ts$|sandbox\/orders\/validate\.ts$/, line: /§3\.5/, anchor: 'order-checks' },
	{ file: /retryPolicy\.ts$/, line: /§3\.8/, anchor: 'retries' },
	{ file: /pacer\.ts$/, line: /§3\.8/, anchor: 'pacer' },
	{ file: /verify\.ts$|Postback/, line: /§4\.1/, anchor: 'postback-auth' },
	{ file: /presignedPut\.ts$|sandbox\/uploads\.ts$/, line: /./, anchor: 'presigned-upload' },
	{ file: /uploadTarget\.ts$/, line: /§2\.1/, anchor: 'box-upload' },
	{ file: /Box\/endpoints\.ts$/, line: /uploadurls|§2\.1/, anchor: 'q-upload-url-fields' },
	{ file: /SiteFlow\/endpoints\.ts$/, line: /getpreupload|§3\.3/, anchor: 'q-upload-url-fields' },
	{ file: /SiteFlow\/endpoints\.ts$/, line: /cancell?ed|§3\.4/, anchor: 'repeat-refusal' },
	{ file: /endpoints\.ts$/, line: /\bS19\b/, anchor: 'box-named-only' },
	{ line: /\bO5\b/, anchor: 'paging' },
	{ line: /\bO1\b(?!\/)/, anchor: 'order-validate' },
	{ line: /O1\/O2|\bO[234]\b|\bO2, O3\b/, anchor: 'order-submit' },
	{ line: /\bO[67]\b|O6\/O7/, anchor: 'order-read' },
	{ line: /\bO1[013]\b/, anchor: 'order-cancel' },
	{ line: /\bB5\b/, anchor: 'signing-site-flow' },
	{ line: /§1\.4|\b[AB][1-6]\b/, anchor: 'signing-vectors' },
	{ line: /§0|\[DOC\]\[SAMPLE\]\)\.?$/, anchor: 'hosts' },
	{ line: /§1\.1/, anchor: 'signing-gateway' },
	{ line: /§1\.2/, anchor: 'signing-site-flow' },
	{ line: /§1\b/, anchor: 'signing' },
	{ line: /§2\.1.*(uploadurls|upload URL)/, anchor: 'box-upload' },
	{ line: /§2\.1/, anchor: 'box-facts' },
	{ line: /§2\.2/, anchor: 'box-named-only' },
	{ line: /§2\b/, anchor: 'box' },
	{ line: /§3\.2/, anchor: 'orders' },
	{ line: /§3\.3/, anchor: 'order-artwork' },
	{ line: /§3\.4/, anchor: 'site-flow' },
	{ line: /§3\.5/, anchor: 'order-document' },
	{ line: /§3\.6/, anchor: 'errors' },
	{ line: /§3\.7/, anchor: 'order-read' },
	{ line: /§3\.8/, anchor: 'rate-limit' },
	{ line: /§3\b/, anchor: 'site-flow' },
	{ line: /§4\.1/, anchor: 'postback-setup' },
	{ line: /§4\.2|\bS14\b/, anchor: 'postback-events' },
	{ line: /§4\.3/, anchor: 'postback-payload' },
	{ line: /§4\b/, anchor: 'postbacks' },
	{ line: /\[(DOC|SAMPLE|3P|INFER|NAMED-ONLY)\]|confidence tag|spec's/, anchor: 'evidence' },
];

export interface Citation {
	file: string;
	line: number;
	text: string;
	anchor: string | undefined;
}

export function anchorFor(file: string, text: string): string | undefined {
	return RULES.find((rule) => (!rule.file || rule.file.test(file)) && rule.line.test(text))?.anchor;
}

export function findCitations(folders = DEFAULT_FOLDERS, root = repoRoot): Citation[] {
	const output = execFileSync('git', ['grep', '-n', '-I', '-E', '.', '--', ...folders, ':!*.json'], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const citations: Citation[] = [];
	for (const row of output.split('\n')) {
		const match = /^([^:]+):(\d+):(.*)$/.exec(row);
		if (!match) continue;
		const [, file, line, text] = match;
		// standards cite their own sections (RFC 9110 §11.1)
		if (!CITATION.test(text.replace(/RFC \d+ §[\d.]+/g, ''))) continue;
		citations.push({ file, line: Number(line), text: text.trim(), anchor: anchorFor(file, text) });
	}
	return citations;
}

function markdownCell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/`/g, "'");
}

function render(citations: Citation[]): string {
	const rows = citations.map(
		(citation) =>
			`| \`${citation.file}:${citation.line}\` | ${markdownCell(citation.text)} | ${
				citation.anchor ? `\`docs/printos-api.md#${citation.anchor}\`` : '(decide by hand)'
			} |`,
	);
	return ['| Where | Comment today | Point it at |', '| --- | --- | --- |', ...rows].join('\n');
}

if (require.main === module) {
	const folders = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
	const citations = findCitations(folders.length ? folders : DEFAULT_FOLDERS);
	if (process.argv.includes('--check')) {
		for (const citation of citations) console.error(`${citation.file}:${citation.line}: ${citation.text}`);
		if (citations.length) {
			console.error(`${citations.length} citation(s) of the outside notes; point them at docs/printos-api.md`);
			process.exit(1);
		}
	} else {
		console.log(render(citations));
	}
}
