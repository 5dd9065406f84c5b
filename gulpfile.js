const path = require('path');
const { task, src, dest } = require('gulp');

// tsc compiles the code; icons (and codex files) are copied beside the compiled nodes and credentials.
task('build:icons', () => {
	const nodeAssets = src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json'], { encoding: false });
	nodeAssets.pipe(dest(path.resolve('dist', 'nodes')));
	return src('credentials/**/*.{png,svg}', { encoding: false }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
});
