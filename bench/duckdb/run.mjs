// Runs bench/duckdb/rules.sql in DuckDB (@duckdb/node-api, from npm: `npm ci` in this folder)
// and prints the seconds it took, reading the events and writing the obligations included.
//
//   node run.mjs EVENTS.csv AS_OF OUT.csv                # time the five rules
//   node run.mjs --compare DUCKDB.csv DULY.csv           # the same obligations as duly's?
//
// --compare checks the SQL against duly: the rows of both files (duly's restricted to the five
// rules and to the columns the SQL writes) as multisets, and prints how many are on one side
// only; it exits 1 when any is.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const quote = (path) => path.replaceAll("'", "''");

async function time_rules(events, asOf, out) {
  const sql = readFileSync(join(here, 'rules.sql'), 'utf8')
    .replaceAll('{EVENTS}', quote(events))
    .replaceAll('{AS_OF}', asOf)
    .replaceAll('{OUT}', quote(out));
  const started = process.hrtime.bigint();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(sql);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(seconds.toFixed(3));
}

async function compare(duckdbCsv, dulyCsv) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const columns = "case_id, rule, trigger_date::DATE AS trigger_date, due::DATE AS due, " +
    "fulfilled_date::DATE AS fulfilled_date, status, days_late::INT AS days_late";
  await connection.run(`
    CREATE TABLE a AS SELECT ${columns} FROM read_csv('${quote(duckdbCsv)}', all_varchar = true);
    CREATE TABLE b AS SELECT ${columns} FROM read_csv('${quote(dulyCsv)}', all_varchar = true)
      WHERE rule IN ('B01', 'B02', 'B03', 'B10', 'B13');`);
  const count = async (sql) => Number((await (await connection.run(sql)).getRows())[0][0]);
  const rows = await count('SELECT count(*) FROM b');
  const onlyDuckdb = await count('SELECT count(*) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM b)');
  const onlyDuly = await count('SELECT count(*) FROM (SELECT * FROM b EXCEPT ALL SELECT * FROM a)');
  console.log(`${rows} obligations of the five rules in duly's report; ` +
    `${onlyDuckdb} only in DuckDB's, ${onlyDuly} only in duly's`);
  if (onlyDuckdb || onlyDuly) {
    const sample = await connection.run(
      'SELECT * FROM (SELECT *, \'duckdb\' AS side FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM b) ' +
      'UNION ALL SELECT *, \'duly\' FROM (SELECT * FROM b EXCEPT ALL SELECT * FROM a)) ' +
      'ORDER BY case_id, rule, trigger_date LIMIT 12');
    for (const row of await sample.getRowsJson()) console.log(row.join(','));
    process.exit(1);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--compare' && args.length === 3) await compare(args[1], args[2]);
else if (args.length === 3) await time_rules(args[0], args[1], args[2]);
else {
  console.error('usage: node run.mjs EVENTS.csv AS_OF OUT.csv | --compare DUCKDB.csv DULY.csv');
  process.exit(2);
}
