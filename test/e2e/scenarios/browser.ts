/**
 * Browser check (2.x): Debian's chromium, driven by playwright-core, opens the n8n editor as a
 * user would. The node panel lists our nodes with their icons, a canvas shows all three, and
 * each node's panel (NDV) opens without a UI error. Screenshots go to docs/screenshots/ for the
 * README.
 */
import fs from 'node:fs';
import path from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/lib/chromium';
import { repoRoot } from '../../../scripts/lib/paths';
import { check, node, workflow, type Scenario } from '../harness';

const WORKFLOW_ID = 'e2eBrowserNodes1';
const NODES = [
	{ name: 'Site Flow Trigger', type: 'n8n-nodes-printos.printOsSiteFlowTrigger', shot: 'ndv-site-flow-trigger.jpg' },
	{ name: 'Site Flow', type: 'n8n-nodes-printos.printOsSiteFlow', shot: 'ndv-site-flow.jpg' },
	{ name: 'Box', type: 'n8n-nodes-printos.printOsBox', shot: 'ndv-box.jpg' },
];
const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');
// JPEG, not PNG: `n8n-node build` copies every .png and .svg of the repository into dist/.
const SCREENSHOT = { type: 'jpeg', quality: 85 } as const;

/** Every <img> of ours under `selector` has loaded (naturalWidth > 0); returns their count. */
async function loadedIcons(page: Page, selector: string): Promise<number> {
	return page.$$eval(
		`${selector} img[src*="/icons/n8n-nodes-printos/"]`,
		// No DOM lib in this tsconfig: the callback runs in the page.
		(imgs: any[]) => imgs.filter((img) => img.complete && img.naturalWidth > 0).length,
	);
}

async function visibleErrorToasts(page: Page): Promise<string[]> {
	return page.$$eval('.el-notification--error, .el-notification.error, [data-test-id="toast-error"]', (els) =>
		els.map((el) => (el.textContent ?? '').trim()),
	);
}

export const browserScenario: Scenario = {
	name: 'Browser: node panel, canvas icons and node panels in chromium',
	majors: [2],
	workflows: () => [
		workflow(
			WORKFLOW_ID,
			'PrintOS nodes (browser check)',
			NODES.map((n, i) =>
				node(n.name, n.type, n.type.endsWith('Trigger') ? { path: 'e2e-browser-postbacks' } : {}, {
					position: [i * 300, 300],
					...(n.type.endsWith('Trigger') ? { webhookId: '3f1c2b7a-0d4e-4c55-9a61-7b8e2f0c1d21' } : {}),
				}),
			),
			{
				'Site Flow Trigger': { main: [[{ node: 'Site Flow', type: 'main', index: 0 }]] },
				'Site Flow': { main: [[{ node: 'Box', type: 'main', index: 0 }]] },
			},
		),
	],
	async run(env) {
		fs.mkdirSync(screenshotDir, { recursive: true });
		const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
		const pageErrors: string[] = [];
		const failedOwnRequests: string[] = [];
		try {
			const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
			const page = await context.newPage();
			page.on('pageerror', (error) => pageErrors.push(error.message));
			page.on('response', (response) => {
				// Only our assets: n8n also asks /schemas/<type>/... for every node and answers 404
				// for any community node (that is how n8n works, not an error the user sees).
				if (response.status() >= 400 && response.url().includes('/icons/n8n-nodes-printos/')) {
					failedOwnRequests.push(`${response.status()} ${response.url()}`);
				}
			});
			// A session cookie from the REST login, as the notes suggest; the editor then opens logged in.
			const login = await page.request.post(`${env.n8nUrl}/rest/login`, {
				data: { email: env.owner.email, emailOrLdapLoginId: env.owner.email, password: env.owner.password },
			});
			check(login.ok(), `POST /rest/login answered ${login.status()}`);

			// 1. The canvas: all three nodes, each with its icon loaded.
			// the editor bundle is large: on a busy 2-core machine its first load can take over 30 s
			await page.goto(`${env.n8nUrl}/workflow/${WORKFLOW_ID}`, { timeout: 120_000 });
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
			await page.waitForLoadState('networkidle');
			for (const n of NODES) {
				const selector = `[data-test-id="canvas-node"][data-node-type="${n.type}"]`;
				check(await page.$(selector), `the canvas shows no ${n.type} node`);
				check((await loadedIcons(page, selector)) >= 1, `the ${n.name} node on the canvas has no loaded icon`);
			}
			await page.screenshot({ path: path.join(screenshotDir, 'canvas.jpg'), ...SCREENSHOT });

			// 2. The node panel: searching "PrintOS" lists Box and Site Flow (n8n files the trigger
			// under Site Flow), with icons.
			await page.click('[data-test-id="node-creator-plus-button"]');
			await page.waitForSelector('[data-test-id="node-creator-search-bar"]', { timeout: 10_000 });
			await page.keyboard.type('PrintOS');
			await page.waitForSelector('[data-test-id="node-creator-item-name"]', { timeout: 10_000 });
			await page.waitForTimeout(500);
			const names = (await page.$$eval('[data-test-id="node-creator-item-name"]', (els) => els.map((el) => (el.textContent ?? '').trim())));
			check(names.includes('HP PrintOS Box'), `node panel lists ${JSON.stringify(names)}, not "HP PrintOS Box"`);
			check(names.some((name) => name.startsWith('HP PrintOS Site Flow')), `node panel lists ${JSON.stringify(names)}, not "HP PrintOS Site Flow"`);
			check((await loadedIcons(page, '[data-test-id="node-creator"]')) >= 2, 'the node panel shows fewer than 2 loaded PrintOS icons');
			await page.screenshot({ path: path.join(screenshotDir, 'node-panel.jpg'), ...SCREENSHOT });

			// Site Flow's entry (n8n merges the action node and its trigger into one) lists its actions.
			await page.locator('[data-test-id="node-creator-item-name"]', { hasText: 'HP PrintOS Site Flow' }).first().click();
			await page.waitForSelector('[data-test-id="node-creator"] >> text=Submit an order', { timeout: 10_000 });
			const actions = await page.$$eval('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]', (els) =>
				els.map((el) => (el.textContent ?? '').trim()),
			);
			check(actions.length >= 5, `Site Flow lists only ${actions.length} actions: ${JSON.stringify(actions)}`);
			await page.screenshot({ path: path.join(screenshotDir, 'node-panel-site-flow.jpg'), ...SCREENSHOT });
			await page.keyboard.press('Escape');
			await page.keyboard.press('Escape');

			// 3. Each node's panel opens and renders its parameters, without an error.
			for (const n of NODES) {
				await page.dblclick(`[data-test-id="canvas-node"][data-node-type="${n.type}"]`);
				await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]', { timeout: 15_000 });
				await page.waitForTimeout(800);
				const parameters = await page.$$('[data-test-id="ndv"] [data-test-id="parameter-item"]');
				check(parameters.length > 0, `the ${n.name} panel shows no parameters`);
				check((await loadedIcons(page, '[data-test-id="ndv"]')) >= 1, `the ${n.name} panel shows no loaded icon`);
				const toasts = await visibleErrorToasts(page);
				check(toasts.length === 0, `opening ${n.name} showed an error: ${toasts.join(' | ')}`);
				await page.screenshot({ path: path.join(screenshotDir, n.shot), ...SCREENSHOT });
				await page.click('[data-test-id="ndv-close-button"]');
				await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]', { state: 'detached', timeout: 10_000 });
			}
			check(pageErrors.length === 0, `the editor threw: ${pageErrors.join(' | ')}`);
			check(failedOwnRequests.length === 0, `requests for package icons failed: ${failedOwnRequests.join(', ')}`);
			env.log(`screenshots saved to ${path.relative(repoRoot, screenshotDir)}/`);
		} finally {
			await browser.close();
		}
	},
};
