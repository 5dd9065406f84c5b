const path = require('path');
const { task, src, dest } = require('gulp');

// tsc compiles the code and emits the codex files (*.node.json, in tsconfig's include); the icons,
// light and dark, are copied beside the compiled nodes and credentials, as `n8n-node build` does.
task('build:icons', () => {
	const nodeIcons = src('nodes/**/*.{png,svg}', { encoding: false });
	nodeIcons.pipe(dest(path.resolve('dist', 'nodes')));
	return src('credentials/**/*.{png,svg}', { encoding: false }).pipe(dest(path.resolve('dist', 'credentials')));
});
