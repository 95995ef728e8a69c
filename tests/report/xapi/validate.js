#!/usr/bin/env node
// validate.js - checks Frontline's xAPI export with an independent validator.
//
//   node validate.js FILE
//
// FILE holds one JSON array of xAPI statements (`frontline report --format xapi`). Each one is
// checked by @learninglocker/xapi-validation, the statement validator of the Learning Locker
// LRS (xAPI 1.0.3, conformance tested there), which returns every problem of a statement in
// one call. Every problem is printed as "statement INDEX (ID): PATH: PROBLEM"; the exit status
// is 0 when all statements are valid, 1 when any is not (or the file is not a JSON array),
// 2 on usage errors. Run `npm ci` in this folder first (tests/report/xapi.py does).
'use strict';

const fs = require('fs');
const validate = require('@learninglocker/xapi-validation').default;

// One line per problem. rulr's warnings carry their class name, the path into the statement
// and, depending on the class, the expected type, the keys not allowed or the required value;
// a Warnings groups several (flattened here).
function describe(w, out) {
  if (Array.isArray(w.warnings)) {
    for (const inner of w.warnings) describe(inner, out);
    return;
  }
  const path = w.path && w.path.length ? w.path.join('.') : '(statement)';
  let what = w.name || 'Warning';
  if (w.typeName !== undefined) what += `: expected ${w.typeName}`;
  if (w.type !== undefined) {
    what += `: expected ${typeof w.type === 'function' ? w.type.name : w.type}`;
  }
  if (w.keys !== undefined) what += `: keys not allowed here: ${w.keys.join(', ')}`;
  if (w.requiredValue !== undefined) what += `: must be ${JSON.stringify(w.requiredValue)}`;
  if (w.invalidComponents !== undefined) what += `: ${w.invalidComponents.join(', ')}`;
  if (w.usedIfis !== undefined) what += `: identifiers used ${w.usedIfis.join(', ')}`;
  if (w.raw !== undefined) what += `: raw ${w.raw}`;
  if (w.min !== undefined) what += ` min ${w.min}`;
  if (w.max !== undefined) what += ` max ${w.max}`;
  if (w.exception !== undefined) what += `: ${w.exception.message}`;
  let value = '';
  if (w.data !== undefined && (typeof w.data !== 'object' || w.data === null)) {
    value = ` (got ${JSON.stringify(w.data)})`;
  }
  out.push(`${path}: ${what}${value}`);
}

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write('usage: node validate.js FILE\n');
    return 2;
  }
  let statements;
  try {
    statements = JSON.parse(fs.readFileSync(argv[0], 'utf8'));
  } catch (e) {
    process.stderr.write(`${argv[0]}: ${e.message}\n`);
    return 1;
  }
  if (!Array.isArray(statements)) {
    process.stderr.write(`${argv[0]}: not a JSON array of statements\n`);
    return 1;
  }
  let bad = 0;
  let problems = 0;
  statements.forEach((s, i) => {
    const lines = [];
    for (const w of validate(s)) describe(w, lines);
    if (lines.length === 0) return;
    bad++;
    problems += lines.length;
    const id = s && typeof s === 'object' && s.id !== undefined ? s.id : 'no id';
    for (const l of lines) process.stdout.write(`statement ${i} (${id}): ${l}\n`);
  });
  process.stdout.write(`${statements.length} statements checked: ${bad} invalid, ` +
                       `${problems} problems\n`);
  return bad === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
