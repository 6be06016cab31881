import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { replaceFileContent } from '../../../src/cli/fix/writeFile';
import type { FindingJson } from '../../../src/cli/scan/findings';
import { runCli } from '../../../src/cli/run';
import { languageIdForPath } from '../../../src/core/parsing/languages';
import { safeFix } from '../../../src/core/rules';
import { captureIo } from '../helpers/io';
import { fixturesDir } from '../helpers/paths';
import { check, disposeHost, errors, sourceFiles } from './helpers';

after(disposeHost);

describe('scan lists findings', () => {
  it('in JSON with exactly the documented keys, on the line of the call, with edits into the file', async () => {
    const io = captureIo(path.join(fixturesDir, 'rules'));
    assert.equal(await runCli(['scan', '.', '--format', 'json'], io), 0);
    const document = JSON.parse(io.out()) as {
      calls: { file: string; line: number; column: number }[];
      findings: FindingJson[];
    };
    assert.ok(document.findings.length >= 30);
    for (const finding of document.findings) {
      assert.deepEqual(Object.keys(finding), ['code', 'severity', 'file', 'line', 'column', 'message', 'fixes']);
      assert.ok(
        document.calls.some((c) => c.file === finding.file && c.line === finding.line && c.column === finding.column),
        `${finding.file}:${finding.line} is not a call's position`,
      );
      const text = readFileSync(path.join(fixturesDir, 'rules', finding.file), 'utf8');
      for (const fix of finding.fixes) {
        assert.deepEqual(Object.keys(fix), ['title', 'edits']);
        for (const edit of fix.edits) {
          assert.deepEqual(Object.keys(edit), ['start', 'end', 'newText']);
          assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length);
        }
      }
    }
    const rejected = document.findings.find((f) => f.code === 'max-tokens-rejected' && f.file === 'python/support.py');
    assert.equal(rejected?.severity, 'error');
    assert.deepEqual(
      rejected?.fixes[0]?.edits.map((e) => e.newText),
      ['max_completion_tokens'],
    );
  });

  it('in the table, under the call they belong to, with a count of what `fix` can fix', async () => {
    const io = captureIo(path.join(fixturesDir, 'rules'));
    assert.equal(await runCli(['scan', 'python'], io), 0);
    const lines = io.out().split('\n');
    const call = lines.findIndex((l) => l.startsWith('support.py:113 '));
    assert.match(
      lines[call + 1] ?? '',
      /^ {2}error max-tokens-rejected: o3 rejects max_tokens .*\[fix: Rename max_tokens to max_completion_tokens\]$/,
    );
    assert.match(
      io.out(),
      /\n\d+ findings \(\d+ errors, \d+ warnings, \d+ info\); \d+ fixable with `llm-cost-lens fix`\.\n/,
    );
  });
});

describe('llm-cost-lens fix', () => {
  let root: string;

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-fix-'));
    cpSync(path.join(fixturesDir, 'analysis'), path.join(root, 'analysis'), { recursive: true });
    cpSync(path.join(fixturesDir, 'rules'), path.join(root, 'rules'), { recursive: true });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('--dry-run says what it would fix and writes nothing', async () => {
    const before = sourceFiles(root).map((f) => readFileSync(f, 'utf8'));
    const io = captureIo(root);
    assert.equal(await runCli(['fix', '--dry-run'], io), 0);
    assert.match(io.out(), /^would fix rules\/python\/support\.py:$/m);
    assert.match(io.out(), /Would fix \d+ findings in \d+ files \(dry run: nothing written\)\.\n$/);
    assert.deepEqual(
      sourceFiles(root).map((f) => readFileSync(f, 'utf8')),
      before,
    );
  });

  it('--rule fixes only that rule', async () => {
    const io = captureIo(root);
    assert.equal(await runCli(['fix', 'rules', '--rule', 'max-tokens-rejected', '--format', 'json'], io), 0);
    const report = JSON.parse(io.out()) as { files: { file: string; fixes: { code: string }[] }[] };
    assert.deepEqual(
      report.files.map((f) => [f.file, f.fixes.map((x) => x.code)]),
      [
        ['python/support.py', ['max-tokens-rejected']],
        ['typescript/support.ts', ['max-tokens-rejected']],
      ],
    );
    assert.match(
      readFileSync(path.join(root, 'rules/python/support.py'), 'utf8'),
      /model="o3", max_completion_tokens=4000/,
    );
  });

  it('on a copy of the fixtures removes every fixable finding and leaves valid code', async () => {
    const originals = new Map(sourceFiles(root).map((f) => [f, readFileSync(f, 'utf8')]));
    const io = captureIo(root);
    assert.equal(await runCli(['fix'], io), 0, io.err());
    assert.match(io.out(), /Fixed \d+ findings in \d+ files\.\n$/);
    assert.match(io.out(), /not fixed automatically/);
    let changed = 0;
    for (const [file, original] of originals) {
      const languageId = languageIdForPath(file);
      assert.ok(languageId);
      const text = readFileSync(file, 'utf8');
      if (text !== original) changed++;
      assert.ok(
        (await errors(text, languageId)) <= (await errors(original, languageId)),
        `${file} has new syntax errors`,
      );
      const fixable = (await check(text, languageId, { file: path.relative(root, file) })).findings.filter((f) =>
        safeFix(f),
      );
      assert.deepEqual(
        fixable.map((f) => `${path.relative(root, file)}:${f.line} ${f.code}`),
        [],
      );
    }
    assert.ok(changed >= 10, `${changed} files changed`);
    // A second run finds nothing left to fix.
    const again = captureIo(root);
    assert.equal(await runCli(['fix'], again), 0);
    assert.match(again.out(), /Fixed 0 findings in 0 files\.\n$/);
  });

  it('keeps a byte-order mark and CRLF line ends', async () => {
    const file = path.join(root, 'crlf.py');
    const lines = [
      'from openai import OpenAI',
      'client = OpenAI()',
      'client.chat.completions.create(',
      '    model="gpt-4o",',
      '    messages=[],',
      ')',
      '',
    ];
    writeFileSync(file, `\ufeff${lines.join('\r\n')}`);
    assert.equal(await runCli(['fix', 'crlf.py'], captureIo(root)), 0);
    const fixedLines = [...lines.slice(0, 5), '    max_tokens=2048,', ...lines.slice(5)];
    assert.equal(readFileSync(file, 'utf8'), `\ufeff${fixedLines.join('\r\n')}`);
  });

  it('leaves out a fix that does not take and applies the others of the file', async () => {
    // The catalog takes instructor's from_provider for a factory that forwards the limit; this workspace's own
    // from_provider takes no such argument, so the limit written there never reaches the call.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-not-taken-'));
    try {
      const pkg = path.join(dir, 'instructor');
      mkdirSync(pkg);
      writeFileSync(
        path.join(pkg, 'auto_client.py'),
        'def from_provider(model):\n    """A client for a "provider/model" string."""\n',
      );
      const app =
        'from openai import OpenAI\nfrom instructor.auto_client import from_provider\n\n\n' +
        'def extract(provider_string, text):\n    client = from_provider(provider_string)\n' +
        '    return client.chat.completions.create(messages=[{"role": "user", "content": text}])\n\n\n' +
        'def answer(question):\n    return OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])\n';
      writeFileSync(path.join(dir, 'app.py'), app);
      const io = captureIo(dir);
      assert.equal(await runCli(['fix', '--rule', 'missing-output-limit'], io), 1);
      assert.match(io.out(), /^fixed app\.py:\n {2}11:\d+ {2}missing-output-limit: Add max_tokens=2048/m);
      assert.match(
        io.out(),
        /^ {2}app\.py:7: the missing-output-limit fix "Add max_tokens=2048 \(sized for a general task\)" was left out: after its edit the call still had the problem/m,
      );
      const fixed = readFileSync(path.join(dir, 'app.py'), 'utf8');
      assert.equal(fixed, app.replace('"content": question}])', '"content": question}], max_tokens=2048)'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to write a file that changed while the fixes were computed', () => {
    const file = path.join(root, 'moving.py');
    writeFileSync(file, 'a = 1\n');
    assert.throws(() => replaceFileContent(file, Buffer.from('a = 0\n'), Buffer.from('a = 2\n')), /changed/);
    assert.equal(readFileSync(file, 'utf8'), 'a = 1\n');
    replaceFileContent(file, Buffer.from('a = 1\n'), Buffer.from('a = 2\n'));
    assert.equal(readFileSync(file, 'utf8'), 'a = 2\n');
    assert.deepEqual(
      readdirSync(root).filter((n) => n.includes('.tmp')),
      [],
    );
  });

  it('rejects an unknown rule code', async () => {
    const io = captureIo(root);
    assert.equal(await runCli(['fix', '--rule', 'no-such-rule'], io), 2);
    assert.match(io.err(), /no rule 'no-such-rule'/);
  });
});
