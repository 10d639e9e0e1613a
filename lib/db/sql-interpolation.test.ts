/**
 * No value from a user, a file or a mapping may become SQL text (issue 13: a mapping's dateFormat
 * went into a string literal of the validation messages). This test reads every module under lib/
 * and app/ with the TypeScript compiler, finds the template literals whose text is SQL, and checks
 * each `${…}` in them against a closed list of what may be interpolated:
 *
 * - a call to the one quoting helper (quoteIdent; quoteLiteral only where listed below), to a
 *   parameter placeholder (bind/param…), or to a listed builder that returns our own SQL;
 * - a number, boolean or bigint, or a value whose type is a closed union of string literals
 *   (a zod enum, a catalogue key type), since no value of such a type can carry SQL;
 * - a string literal, or a nested template / conditional whose parts are themselves allowed;
 * - a name (identifier, property or call) listed in FRAGMENTS for its file: SQL our own code
 *   compiled, each entry with the reason it cannot carry input.
 *
 * Anything else fails the test with its file, line and text: the next hole is caught in review,
 * where whoever adds to the list has to write down why it is safe. Entries no longer found fail
 * too, so the list does not rot.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

/** Uppercase SQL keywords, the concatenation operator, casts and quoted literals in SQL position. */
const SQL_TEXT =
  /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|DROP|ALTER|FROM|WHERE|JOIN|GROUP BY|ORDER BY|UNION ALL|VALUES|CASE WHEN|THEN|ELSE|IS NULL|IS NOT NULL|COPY|ATTACH|PRAGMA|DESCRIBE|LIMIT|OFFSET|FILTER|OVER|PARTITION BY|SET|AS)\b|\|\||::[A-Z]|\b(replace|regexp_replace|regexp_matches|try_cast|try_strptime|strptime|strftime|coalesce|nullif|read_csv|read_parquet|sniff_csv|count|sum|avg|lower|trim|abs|round)\(/;

/** Calls that produce SQL text safely whatever their arguments (quoting, or a placeholder). */
const SAFE_CALLS = new Set([
  'quoteIdent',
  'rawColumn', // quoteIdent(`r_${field}`)
  'bind',
  'param',
  'p',
]);

/** Files where quoteLiteral is used, each for a path or value our own code generated. */
const QUOTE_LITERAL_FILES: Record<string, string> = {
  'lib/db/database.ts':
    'the spill folder and allowed folders from our configuration (SET takes no parameters)',
  'lib/generate/writers.ts': 'paths and column names of the demo files we write ourselves',
  'lib/ingest/read/dialect.ts':
    'the extract path (server: a generated upload path; CLI: the path its user named, read under the lockdown) and the delimiter/quote, which the mapping schema confines to a closed grammar',
  'lib/ingest/load/fast-load.ts': 'the extract path, as in dialect.ts',
  'lib/ingest/load/load-extract.ts': 'the extract path, as in dialect.ts',
  'lib/ingest/load/preview.ts': 'the extract path and a work file we name',
  'lib/ingest/read/stage.ts':
    'the extract path, our column names and types, and the dialect (closed grammar, or the sniffer)',
  'lib/ingest/read/stage-csv.ts': 'as stage.ts, whose CSV reading it holds',
  'lib/ingest/read/stage-parquet.ts': 'the extract path, as in dialect.ts',
  'lib/ingest/load/load-fast-path.ts': 'the extract path, as in dialect.ts',
};

/**
 * Per file: the text of an interpolated expression that holds SQL compiled by our own code, and
 * why it cannot carry input. Keep each reason honest; review additions like code.
 */
const FRAGMENTS: Record<string, Record<string, string>> = {
  'lib/db/database.ts': { size: 'sanitizeSize: checked against a size grammar before use' },
  'lib/db/migrations.ts': { table: 'canonical table names in the migration source' },
  'lib/ingest/load/canonical-rows.ts': {
    expr: 'column SQL built here from quoteIdent',
    from: 'the typed staging table, quoted by the caller',
    source: 'the incoming rows SQL built in this module',
    "col('shipment_id')": 'col quotes a canonical column name (a parameter-taking arrow)',
    "col('ship_ts')": 'as col above',
    "col('return_id')": 'as col above',
    "col('return_ts')": 'as col above',
    "col('qty_shipped')": 'as col above',
    "col('qty_ordered')": 'as col above',
    "col('qty_cancelled')": 'as col above',
    "col('delivered_ts')": 'as col above',
  },
  'lib/ingest/load/detect.ts': { raw: 'FieldPlan.raw: cleaned-text SQL from planTransform' },
  'lib/ingest/read/dialect.ts': { name: 'a sniff_csv option name from our own object keys' },
  'lib/ingest/load/fast-load.ts': {
    c: 'generated staging column names (c0, c1, …)',
    'readCsvSql(file, { columns, skip, dialect, types: text, head: true })':
      'read_csv call from stage-csv.ts: quoteLiteral of the path and closed-grammar options',
    "incomingRowsSql(table, target, '', undefined, available, typed)":
      'canonical-rows.ts SQL over our typed projection',
  },
  'lib/ingest/load/transform.ts': {
    column: 'a staged column, quoted with quoteIdent by the caller',
    v: 'the cleaned-text SQL of a field (cleanText), or rawColumn(field)',
  },
  'lib/ingest/load/upsert.ts': { incomingSql: 'canonical-rows.ts SQL over our typed projection' },
  'lib/ingest/load/validate.ts': {
    from: 'a quoted table name or a read_csv call from fast-load.ts',
    where: 'the rule condition fast-load.ts builds from Rule.when',
    file: 'bind(fileName): a parameter placeholder',
  },
  'lib/kpi/compile.ts': {
    'kpi.asOf': 'catalogue column, checked as a fact column by defineCatalogue (lib/semantic)',
    'kpi.value': 'catalogue value expression',
    'part.kpi.value': 'catalogue value expression',
    'kpi.population': 'catalogue condition over our fact tables',
    'part.kpi.population': 'catalogue condition over our fact tables',
    'e.when': 'catalogue exclusion condition',
    'm.sql': 'catalogue measure SQL',
    'm.name': 'catalogue measure alias',
    'g.alias': 'group alias from our dimension catalogue',
    'g.sql': 'group expression from our dimension catalogue',
    kept: 'a condition compiled here from catalogue exclusions',
    v: 'catalogue value expression',
    '/^\\s*([a-z_]+\\s*\\(.*\\))\\s*FILTER\\s*\\(\\s*WHERE\\s+(.*)\\)\\s*$/is.exec(aggregate)':
      'parts of a catalogue aggregate (foldFilter)',
    condition: 'a condition compiled from the catalogue and filterConditions',
    aggregate: 'a catalogue aggregate',
    'derivedAggregate(needMask(part.needs ?? part.kpi.needs), kept, options.provenance)':
      'bit_or over a bigint mask of catalogue needs (lib/kpi/provenance.ts) and kept, as above; or 0 when the data derives none of them',
  },
  'lib/kpi/composites.ts': { p: 'pass conditions compiled from catalogue expressions' },
  'lib/kpi/provenance-sql.ts': {
    table: 'a canonical table name of lib/model/canonical (our schema)',
    field: 'a canonical field name of lib/model/canonical (our schema)',
    fieldBitsValues: 'VALUES rows built here from our schema names and bigint bits',
    provenanceCtes: 'the CTEs of this module',
    alias: 'a table alias of a fact table declaration in metrics/facts',
  },
  'lib/semantic/dialect-duckdb.ts': {
    'expr.name': 'a fact column name, checked against /^[a-z][a-z0-9_]*$/ by col()',
    'expr.text': 'raw SQL of a KPI file (duckdbSql): code of the catalogue, never input',
  },
  'lib/kpi/facts.ts': {
    'factRowsSql(table)':
      'the query of a fact table declaration in metrics/facts (code, not input)',
  },
  'lib/semantic/facts.ts': {
    'c.sql': 'a column derivation of a fact table declaration in metrics/facts',
    'c.name': 'a fact column name, checked as snake_case by the declaration schema',
    'table.with': 'the CTEs of a fact table declaration in metrics/facts',
    'table.from': 'the FROM clause of a fact table declaration in metrics/facts',
    columns: 'the column derivations above, joined',
  },
  'lib/kpi/distribution.ts': {
    'scoped.sql': 'scopedRowsSql: catalogue SQL with bound filters',
    'kpi.value': 'catalogue value expression',
  },
  'lib/kpi/drill.ts': {
    'kpi.failure': 'catalogue failure condition',
    'kpi.value': 'catalogue value expression',
    'scoped.sql': 'scopedRowsSql: catalogue SQL with bound filters',
    sorted: 'drillSql: catalogue SQL, sort key from a zod enum',
    rows: 'drillSql: catalogue SQL with bound filters',
  },
  'lib/kpi/filters.ts': {
    asOf: 'the KPI catalogue as-of column',
    column: 'the as-of column, or the undated-by expression fixed in compile.ts',
  },
  'lib/kpi/profile.ts': { need: 'a table.column need of the KPI catalogue' },
  'lib/kpi/provenance.ts': { kept: 'the kept condition compile.ts built from catalogue SQL' },
  'lib/kpi/reconcile.ts': { 'c.sql': 'the fixed reconciliation checks in this module' },
  'lib/kpi/stages.ts': {
    's.hours': 'the fixed stage expressions in this module',
    'kpi.value': 'catalogue value expression',
    'scoped.sql': 'scopedRowsSql: catalogue SQL with bound filters',
  },
  'lib/orders/list.ts': {
    sql: 'listSql: our column list with bound filters and search',
    'all.sql': 'listSql, as above',
  },
  'lib/orders/arrow.ts': {
    sorted: 'drillSql (lib/kpi/drill.ts): catalogue SQL, sort key from an allowlist',
    rows: 'drillSql (lib/kpi/drill.ts): catalogue SQL with bound filters',
    'view.sql': 'listRangeSql or drillSql; sort keys from allowlists',
  },
  'lib/orders/export.ts': {
    sql: 'listSql: our column list with bound filters and search',
    'orderBy(sort, direction)': 'ORDER BY over a sort key from the allowlist and a zod enum',
    chunkSql: 'the export query built here over listSql',
  },
  'lib/ingest/load/cluster-loads.ts': {
    sql: "incomingRowsSql (canonical-rows.ts): the typed staging table's rows, as DuckDB's upsert reads them",
  },
  'lib/orders/order-detail.ts': {
    'kpi.value': 'catalogue value expression',
    'kpi.failure': 'catalogue failure condition',
    value: 'the catalogue value expression, cast',
    failed: 'the catalogue failure condition, coalesced',
    'scoped[i]!.sql': 'scopedRowsSql: catalogue SQL with bound filters',
  },
};

/** Properties (Interface.name) that hold SQL our own code compiled, with the reason. */
const PROPERTIES: Record<string, string> = {
  'FieldPlan.raw': 'planTransform: quoteIdent of staged columns, every mapping value bound',
  'FieldPlan.typed': 'planTransform: our templates over FieldPlan.raw, formats bound',
  'FieldPlan.typedFromRaw': 'planTransform: as typed, over rawColumn(field)',
  'Rule.when': 'buildRules: conditions over quoteIdent columns',
  'Rule.header': 'buildRules: bind(header)',
  'Rule.rule': 'buildRules: one of our rule names',
  'Rule.message': 'buildRules: literals of ours joined with bound values (issue 13)',
  'Rule.value': 'buildRules: a quoted column or NULL',
  'SqlFragment.sql': 'filterConditions: catalogue columns, every filter value bound',
  'CompileOptions.population': 'a catalogue condition over our fact tables',
  'KpiPart.population': 'a catalogue condition over our fact tables',
  'Sql.text':
    'toClickHouse (lib/semantic/dialect-clickhouse.ts): compiled from the catalogue expression tree',
};

/** Functions from other modules that return SQL our own code compiled, with the reason. */
const CALLS: Record<string, string> = {};

interface Finding {
  file: string;
  line: number;
  expression: string;
  /** The parts that are neither quoted, bound, closed nor listed. */
  leaves: string[];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'fixtures')
        out.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|-test-helpers\.ts$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

function templateText(node: ts.TemplateExpression): string {
  return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
}

function isClosedType(type: ts.Type): boolean {
  const flags = ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike;
  if (type.flags & flags) return true;
  if (type.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.Undefined | ts.TypeFlags.Null))
    return true;
  if (type.isUnion()) return type.types.every(isClosedType);
  return false;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function analyse(
  files = [...sourceFiles(path.join(root, 'lib')), ...sourceFiles(path.join(root, 'app'))],
) {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true, incremental: false });
  const checker = program.getTypeChecker();
  const findings: Finding[] = [];
  const used = new Set<string>();
  const sqlModules = new Set<string>();
  const seen = new Set<string>();
  let checked = 0;

  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const rel = path.relative(root, file).split(path.sep).join('/');
    const fragments = FRAGMENTS[rel] ?? {};

    const resolving = new Set<ts.Node>();
    /** Follow a local name to what was assigned to it; a cycle is judged where it closes. */
    const allowedDeclaration = (decl: ts.Declaration): boolean | undefined => {
      if (resolving.has(decl)) return true;
      resolving.add(decl);
      try {
        if (ts.isVariableDeclaration(decl) && decl.initializer) {
          if (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer))
            return allowedFunction(decl.initializer);
          const name = decl.name;
          const writes = ts.isIdentifier(name) ? writesTo(name) : [];
          return allowed(decl.initializer) && writes.every(allowed);
        }
        if (ts.isFunctionDeclaration(decl)) return allowedFunction(decl);
        if (ts.isBindingElement(decl) && decl.initializer && !decl.propertyName) return undefined;
        return undefined;
      } finally {
        resolving.delete(decl);
      }
    };
    const allowedFunction = (fn: ts.FunctionLikeDeclaration): boolean => {
      if (!fn.body) return false;
      if (!ts.isBlock(fn.body)) return allowed(fn.body);
      const returns: ts.Expression[] = [];
      const find = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && node !== fn) return;
        if (ts.isReturnStatement(node) && node.expression) returns.push(node.expression);
        ts.forEachChild(node, find);
      };
      find(fn.body);
      return returns.length > 0 && returns.every(allowed);
    };
    /** Later assignments and pushes to a local name: `x = …`, `x += …`, `x.push(…)`. */
    const writesTo = (name: ts.Identifier): ts.Expression[] => {
      const symbol = checker.getSymbolAtLocation(name);
      const out: ts.Expression[] = [];
      const find = (node: ts.Node) => {
        if (
          ts.isBinaryExpression(node) &&
          (node.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
            node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) &&
          ts.isIdentifier(node.left) &&
          checker.getSymbolAtLocation(node.left) === symbol
        )
          out.push(node.right);
        if (
          ts.isCallExpression(node) &&
          ts.isPropertyAccessExpression(node.expression) &&
          ['push', 'unshift'].includes(node.expression.name.text) &&
          ts.isIdentifier(node.expression.expression) &&
          checker.getSymbolAtLocation(node.expression.expression) === symbol
        )
          out.push(...node.arguments.map((a) => (ts.isSpreadElement(a) ? a.expression : a)));
        ts.forEachChild(node, find);
      };
      find(source);
      return out;
    };
    /** `Interface.property` of a property access, e.g. FieldPlan.raw. */
    const propertyKey = (expr: ts.PropertyAccessExpression): string | undefined => {
      const decl = checker.getSymbolAtLocation(expr.name)?.declarations?.[0];
      const owner = decl?.parent;
      if (owner && (ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner)) && owner.name)
        return `${owner.name.text}.${expr.name.text}`;
      if (owner && ts.isTypeLiteralNode(owner) && ts.isTypeAliasDeclaration(owner.parent))
        return `${owner.parent.name.text}.${expr.name.text}`;
      return undefined;
    };

    let leaves: string[] = [];
    const allowed = (expr: ts.Expression): boolean => {
      const ok = judge(expr);
      return ok;
    };
    const fail = (expr: ts.Expression, what?: string): false => {
      leaves.push(what ?? expr.getText(source));
      return false;
    };
    const judge = (expr: ts.Expression): boolean => {
      if (
        ts.isParenthesizedExpression(expr) ||
        ts.isNonNullExpression(expr) ||
        ts.isSpreadElement(expr)
      )
        return allowed(expr.expression);
      if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return true;
      if (ts.isNumericLiteral(expr)) return true;
      if (ts.isTemplateExpression(expr))
        return expr.templateSpans.every((span) => allowed(span.expression));
      if (ts.isConditionalExpression(expr))
        return allowed(expr.whenTrue) && allowed(expr.whenFalse);
      if (ts.isBinaryExpression(expr)) {
        const op = expr.operatorToken.kind;
        if (op === ts.SyntaxKind.PlusToken) return allowed(expr.left) && allowed(expr.right);
        if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
          return allowed(expr.left) && allowed(expr.right);
        if (op === ts.SyntaxKind.AmpersandAmpersandToken) return allowed(expr.right);
      }
      if (ts.isArrayLiteralExpression(expr)) return expr.elements.every(allowed);
      if (ts.isObjectLiteralExpression(expr))
        return expr.properties.every((p) => ts.isPropertyAssignment(p) && allowed(p.initializer));
      const text = expr.getText(source);
      if (text in fragments) {
        used.add(`${rel}\0${text}`);
        return true;
      }
      if (isClosedType(checker.getTypeAtLocation(expr))) return true;
      if (ts.isPropertyAccessExpression(expr)) {
        const key = propertyKey(expr);
        if (key && key in PROPERTIES) {
          used.add(`property\0${key}`);
          return true;
        }
        return fail(expr, key ? `${expr.getText(source)} [${key}]` : undefined);
      }
      if (ts.isElementAccessExpression(expr)) return allowed(expr.expression);
      if (ts.isIdentifier(expr)) {
        const decl = checker.getSymbolAtLocation(expr)?.valueDeclaration;
        if (!decl || decl.getSourceFile() !== source) return fail(expr);
        return allowedDeclaration(decl) ?? fail(expr);
      }
      if (ts.isCallExpression(expr)) {
        const name = calleeName(expr);
        if (name && SAFE_CALLS.has(name)) return true;
        if (name === 'quoteLiteral' && rel in QUOTE_LITERAL_FILES) return true;
        const callee = expr.expression;
        // Array plumbing: xs.map(f).join(', '), [...a, ...b].filter(g), xs.flatMap(f)
        if (ts.isPropertyAccessExpression(callee)) {
          const method = callee.name.text;
          if (['join', 'filter', 'slice', 'concat', 'sort', 'toSorted'].includes(method))
            return (
              allowed(callee.expression) &&
              expr.arguments.slice(method === 'concat' ? 0 : 1).every(allowed)
            );
          if (['map', 'flatMap'].includes(method)) {
            const fn = expr.arguments[0];
            if (fn && ts.isIdentifier(fn)) return SAFE_CALLS.has(fn.text) || allowed(fn);
            if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)))
              return allowedFunction(fn);
            return false;
          }
          if (['replaceAll', 'replace', 'trim'].includes(method))
            return allowed(callee.expression) && expr.arguments.every(allowed);
        }
        if (ts.isIdentifier(callee)) {
          if (name && name in CALLS) {
            used.add(`call\0${name}`);
            return true;
          }
          const decl = checker.getSymbolAtLocation(callee)?.valueDeclaration;
          if (decl && decl.getSourceFile() === source)
            return allowedDeclaration(decl) ?? fail(expr);
        }
        return fail(expr);
      }
      return fail(expr);
    };

    const visit = (node: ts.Node) => {
      if (ts.isTemplateExpression(node) && SQL_TEXT.test(templateText(node))) {
        sqlModules.add(rel);
        for (const span of node.templateSpans) {
          const at = `${rel}:${span.expression.getStart(source)}`;
          if (seen.has(at)) continue;
          seen.add(at);
          checked++;
          leaves = [];
          if (!allowed(span.expression)) {
            findings.push({
              file: rel,
              line: source.getLineAndCharacterOfPosition(span.expression.getStart(source)).line + 1,
              expression: span.expression.getText(source),
              leaves: [...new Set(leaves)],
            });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const stale = [
    ...Object.entries(FRAGMENTS).flatMap(([file, entries]) =>
      Object.keys(entries)
        .filter((text) => !used.has(`${file}\0${text}`))
        .map((text) => `${file}: ${text}`),
    ),
    ...Object.keys(PROPERTIES).filter((key) => !used.has(`property\0${key}`)),
    ...Object.keys(CALLS).filter((name) => !used.has(`call\0${name}`)),
  ];
  return { files: files.length, sqlModules, checked, findings, stale };
}

let result: ReturnType<typeof analyse>;
beforeAll(() => {
  result = analyse();
}, 120_000);

describe('SQL text is built only from our own fragments', () => {
  it('finds the SQL-building modules', () => {
    expect(result.sqlModules.has('lib/ingest/load/validate.ts')).toBe(true);
    expect(result.sqlModules.has('lib/kpi/compile.ts')).toBe(true);
    expect(result.checked).toBeGreaterThan(100);
    console.info(
      `[sql-interpolation] ${result.files} modules read, ${result.sqlModules.size} build SQL, ` +
        `${result.checked} interpolations checked, ` +
        `${Object.values(FRAGMENTS).reduce((n, f) => n + Object.keys(f).length, 0)} fragment names allowlisted`,
    );
  });

  it('interpolates nothing that is not quoted, bound, closed or a listed fragment', () => {
    const report = result.findings.map(
      (f) => `${f.file}:${f.line}  \${${f.expression}}  ← ${f.leaves.join(' | ')}`,
    );
    expect(report).toEqual([]);
  });

  it('catches the issue-13 hole: a mapping value spliced into a message literal', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'orderlens-sql-interp-'));
    const file = path.join(dir, 'hole.ts');
    writeFileSync(
      file,
      [
        'interface DateDetection { format: string }',
        'export function message(raw: string, d: DateDetection, bind: (v: string) => string) {',
        '  const expected = `a date in the format ${d.format}`;',
        "  const safe = `'\\\" is not ' || ${bind(expected)}`;",
        "  return [`${raw} || '\\\" is not ${expected}'`, safe];",
        '}',
      ].join('\n'),
    );
    const found = analyse([file]).findings;
    expect(found.map((f) => [f.line, f.expression, f.leaves])).toEqual([
      [5, 'raw', ['raw']],
      [5, 'expected', ['d.format [DateDetection.format]']],
    ]);
  });

  it('lists no fragment that is no longer used', () => {
    expect(result.stale).toEqual([]);
  });
});
