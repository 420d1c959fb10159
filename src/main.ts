import { runCli } from './cli.ts';

const args = process.argv.slice(2);
const code = await runCli(args.length ? args : ['--help']);
// `serve` keeps running until a signal; every other command ends here.
if (args[0] !== 'serve' || code !== 0) process.exit(code);
