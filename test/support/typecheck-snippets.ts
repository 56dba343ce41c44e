/**
 * Type-checks TypeScript snippets as a user's project would see them: each
 * snippet is a module inside the package folder, so `import … from 'argmax'`
 * and `'argmax/node'` resolve through package.json's "exports" (a package
 * importing itself by name) to the built declarations dist/src/index.d.ts and
 * dist/src/node.d.ts, with the compiler options of tsconfig.json.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-5';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Snippet {
  /** A file name for the snippet, unique among those checked together. */
  name: string;
  code: string;
}

export interface SnippetProblem {
  snippet: string;
  /** 0-based line within the snippet. */
  line: number;
  message: string;
}

export interface CheckedSnippets {
  problems: SnippetProblem[];
  program: ts.Program;
  /** The virtual file of a snippet, to ask the checker about it. */
  fileOf(name: string): ts.SourceFile;
}

/** The project's compiler options, for files that are never emitted. */
function projectOptions(): ts.CompilerOptions {
  const configPath = join(PACKAGE_ROOT, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, PACKAGE_ROOT, undefined, configPath);
  return {
    ...parsed.options,
    noEmit: true,
    declaration: false,
    sourceMap: false,
    // A snippet shows values it does not go on to use (`const { model, history } = …`): not a mistake there.
    noUnusedLocals: false,
  };
}

export function typeCheckSnippets(snippets: Snippet[]): CheckedSnippets {
  const options = projectOptions();
  const files = new Map(snippets.map((s) => [join(PACKAGE_ROOT, s.name), s.code]));
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const code = files.get(fileName);
    return code !== undefined ? ts.createSourceFile(fileName, code, languageVersion, true) : getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
  };
  host.fileExists = (fileName) => files.has(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => files.get(fileName) ?? readFile.call(host, fileName);
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  const problems: SnippetProblem[] = [];
  const nameOf = new Map(snippets.map((s) => [join(PACKAGE_ROOT, s.name), s.name]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    const snippet = d.file ? nameOf.get(d.file.fileName) : undefined;
    if (!d.file || snippet === undefined) {
      problems.push({ snippet: d.file?.fileName ?? '(compiler options)', line: 0, message });
      continue;
    }
    problems.push({ snippet, line: d.file.getLineAndCharacterOfPosition(d.start ?? 0).line, message });
  }
  return {
    problems,
    program,
    fileOf: (name) => {
      const f = program.getSourceFile(join(PACKAGE_ROOT, name));
      if (!f) throw new Error(`no snippet ${name}`);
      return f;
    },
  };
}

/** The names a module specifier (as imported by `file`) exports, as the compiler sees them. */
export function exportedNames(checked: CheckedSnippets, file: ts.SourceFile, specifier: string): string[] {
  const checker = checked.program.getTypeChecker();
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === specifier) {
      const symbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
      if (!symbol) throw new Error(`'${specifier}' does not resolve to a module`);
      return checker.getExportsOfModule(symbol).map((s) => s.name);
    }
  }
  throw new Error(`${file.fileName} does not import '${specifier}'`);
}
