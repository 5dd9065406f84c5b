/**
 * Imported first by tests that need n8n's filesystem binary mode (binaries with an `id`, read as
 * streams). n8n-core reads the mode when its config is first built, and the harness only sets a
 * default, so this must run before the harness is imported. `restoreBinaryMode` puts the previous
 * value back so later test files in the same worker keep the default mode.
 */
const previous = process.env.N8N_DEFAULT_BINARY_DATA_MODE;
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';

export function restoreBinaryMode(): void {
	if (previous === undefined) delete process.env.N8N_DEFAULT_BINARY_DATA_MODE;
	else process.env.N8N_DEFAULT_BINARY_DATA_MODE = previous;
}
