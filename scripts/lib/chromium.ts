/**
 * Debian's chromium for the browser check (playwright-core cannot download its own browser
 * here). Installed with apt-get when missing; the flags keep it off the closed network.
 */
import fs from 'node:fs';

import { timed } from './log';
import { runOrThrow } from './processes';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

export async function ensureChromium(): Promise<string> {
	if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
	if (process.getuid?.() !== 0) {
		throw new Error(`${CHROMIUM_PATH} is missing; install it with \`sudo apt-get install chromium\` (or set CHROMIUM_PATH)`);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await timed('Installing Debian chromium (apt-get)', async () => {
		await runOrThrow('apt-get', ['update', '-qq'], { env });
		// fonts-liberation: readable screenshots; no other recommends (udev, mesa, ...).
		await runOrThrow('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation'], { env });
	});
	if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`apt-get finished but ${CHROMIUM_PATH} is missing`);
	return CHROMIUM_PATH;
}
