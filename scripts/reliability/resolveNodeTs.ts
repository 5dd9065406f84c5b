/**
 * tsx runs scripts with Node's own resolution, which finds `X.node.json` (the codex file) before
 * `X.node.ts` for an import of `./X.node`; jest and TypeScript pick the `.ts`. Imported first by
 * scripts/reliability.ts, this makes tsx pick the `.ts` too, so the report runs the same modules as
 * the jest tests.
 */
import Module from 'node:module';

type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };
const original = moduleWithResolver._resolveFilename;

moduleWithResolver._resolveFilename = function (this: unknown, request: string, parent: unknown, ...rest: unknown[]): string {
	if (request.startsWith('.') && request.endsWith('.node')) {
		try {
			return original.call(this, `${request}.ts`, parent, ...rest);
		} catch {
			// not one of ours: the ordinary resolution below decides
		}
	}
	return original.call(this, request, parent, ...rest);
};
