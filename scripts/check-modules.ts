/**
 * The walls between modules, checked on every `npm run lint` (ARCHITECTURE.md draws the same picture):
 * - no import cycle between the server's files (src/, tests apart), type-only imports included;
 * - a feature imports another feature only through the files that feature exposes (PUBLIC_FILES),
 *   never its repository.ts or its other internals, and only one of its own layer or below (LAYERS);
 * - the platform, the domain (src/domain: the shared vocabulary) and the message catalogs (src/messages)
 *   never import a feature.
 * `--count` prints the imports between features instead (files, edges, imports of internals).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

/** The files another feature may import: its commands, its schemas and its read functions. */
const PUBLIC_FILES = /^(service|schema|read)\.ts$/;

/**
 * The layers of ARCHITECTURE.md's picture, lowest first: a feature imports features of its own
 * layer or of the layers below it, never above. A new feature is placed here.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['regions', 'units', 'campaigns', 'users', 'auth'],
  [
    'plans',
    'channel-points',
    'topics',
    'publicity',
    'materials',
    'photos',
    'disclosures',
    'ical',
    'opendata',
    'statistics',
    'setup',
  ],
  ['calendar', 'cases', 'consultations', 'notifications', 'public', 'open311', 'privacy', 'reminders'],
  [
    'portal',
    'reports',
    'summaries',
    'summary-checker',
    'exports',
    'imports',
    'progress',
    'demo',
    'audit',
    'backup',
    'health',
    'console-host',
  ],
];
const layerOf = new Map(LAYERS.flatMap((features, layer) => features.map((feature) => [feature, layer] as const)));

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles
    .map((ref) => ref.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => resolve(dirname(file), name));
}

/** `features/cases/service.ts` → `{ feature: 'cases', inside: 'service.ts' }`; undefined outside features. */
function featureOf(file: string): { feature: string; inside: string } | undefined {
  const path = relative(src, file).split('/');
  if (path[0] !== 'features' || path.length < 3) return undefined;
  return { feature: path[1]!, inside: path.slice(2).join('/') };
}

function isPublic(target: { feature: string; inside: string }): boolean {
  return PUBLIC_FILES.test(target.inside);
}

const files = listFiles(src);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const problems: string[] = [];
const report = () => [...new Set(problems)];
const name = (file: string) => relative(root, file);

let crossImports = 0;
let internalImports = 0;
const edges = new Set<string>();
for (const [file, targets] of graph) {
  const from = featureOf(file);
  for (const target of targets) {
    const to = featureOf(target);
    if (!from && to && /^(platform|domain|messages)\//.test(relative(src, file))) {
      problems.push(
        `${name(file)} imports ${name(target)}: the platform, the domain and the messages never import a feature`,
      );
    }
    for (const end of [from, to]) {
      if (end && !layerOf.has(end.feature)) {
        problems.push(`${name(file)}: the feature ${end.feature} has no layer in scripts/check-modules.ts (LAYERS)`);
      }
    }
    if (!from || !to || from.feature === to.feature) continue;
    if (layerOf.get(from.feature)! < layerOf.get(to.feature)!) {
      problems.push(`${name(file)} imports ${name(target)}: ${from.feature} is in a lower layer than ${to.feature}`);
    }
    crossImports += 1;
    edges.add(`${from.feature} → ${to.feature}`);
    if (!isPublic(to)) {
      internalImports += 1;
      problems.push(
        `${name(file)} imports ${name(target)}: another feature's internals; use its service.ts, read.ts or schema.ts`,
      );
    }
  }
}

/** The strongly connected components of more than one node (Tarjan): each is an import cycle. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return cycles;
}

for (const cycle of cyclesOf(graph)) problems.push(`import cycle between files: ${cycle.map(name).join(' ↔ ')}`);

// Features depend on each other one way: a cycle between feature folders is refused too.
const featureGraph = new Map<string, string[]>();
for (const edge of edges) {
  const [from, to] = edge.split(' → ') as [string, string];
  featureGraph.set(from, [...(featureGraph.get(from) ?? []), to]);
  if (!featureGraph.has(to)) featureGraph.set(to, []);
}
for (const cycle of cyclesOf(featureGraph)) {
  const links = [...edges].filter(
    (edge) => cycle.includes(edge.split(' → ')[0]!) && cycle.includes(edge.split(' → ')[1]!),
  );
  problems.push(`import cycle between features: ${links.join(', ')}`);
}

if (process.argv.includes('--count')) {
  console.log(
    `${crossImports} imports between features over ${edges.size} feature-to-feature edges; ` +
      `${internalImports} into another feature's internals; ${report().length} problems`,
  );
  for (const problem of report()) console.log(`  ${problem}`);
} else if (problems.length > 0) {
  for (const problem of report()) console.error(problem);
  console.error(`${report().length} import problems (scripts/check-modules.ts; ARCHITECTURE.md "Modules and walls")`);
  process.exit(1);
}
