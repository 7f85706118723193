#!/usr/bin/env node
// `pretest`: makes a fresh Debian machine able to run the whole suite.
// - installs the npm dependencies when they are missing (a fresh clone);
// - installs the Debian packages the real-tool tests need, when running as root;
// - refreshes apt's package lists, which `apt-get download` (the deb components) needs.
// Elsewhere it names exactly what to install and carries on, so the tests that
// need the missing tools fail loudly rather than being skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const isRoot = process.getuid?.() === 0;

function sh(cmd, args, env = {}) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function onPath(cmd) {
  return (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, cmd)));
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  if (!sh('npm', ['install', '--no-audit', '--no-fund'])) process.exit(1);
}

// command → Debian package
const needed = [
  ['podman', 'podman'],
  ['runc', 'runc'],
  ['skopeo', 'skopeo'],
  ['umoci', 'umoci'],
  ['openssl', 'openssl'],
  ['dpkg-deb', 'dpkg'],
  // Scale-out, registry and shipping tests start these on loopback themselves.
  ['redis-server', 'redis-server'],
  ['docker-registry', 'docker-registry'],
  ['qemu-aarch64-static', 'qemu-user-static'],
  // The .zpkg journal model is proved in Coq.
  ['coqc', 'coq'],
];
const missing = needed.filter(([cmd]) => !onPath(cmd)).map(([, pkg]) => pkg);
// file → Debian package, for what is not a command on PATH.
const neededFiles = [
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/lib/postgresql/15/bin/initdb', 'postgresql'],
  // Ed448 for obli-pkg's in-image signature checks (linked into a static musl binary).
  ['/usr/lib/x86_64-linux-gnu/libdecaf.a', 'libdecaf-dev'],
  // Screenshots taken in tests show the status emoji instead of boxes.
  ['/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf', 'fonts-noto-color-emoji'],
];
for (const [file, pkg] of neededFiles) if (!existsSync(file)) missing.push(pkg);

const lists = '/var/lib/apt/lists';
const haveLists = existsSync(lists) && readdirSync(lists).some((f) => /_Packages(\.\w+)?$/.test(f));

if (isRoot && onPath('apt-get')) {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (missing.length > 0 || !haveLists) {
    if (!sh('apt-get', ['update', '-qq'], env)) console.error('apt-get update failed; deb components will not resolve');
  }
  if (missing.length > 0) {
    if (!sh('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], env)) {
      console.error(`could not install: ${missing.join(' ')}`);
    }
  }
} else if (missing.length > 0 || !haveLists) {
  console.error(
    `The suite needs these Debian packages: ${missing.join(' ') || '(none)'}.\n` +
      `Install them as root: apt-get update && apt-get install -y ${missing.join(' ')}`,
  );
}

// One podman call without `--storage-driver vfs` on a fresh machine creates an
// overlay store, after which every vfs call fails ("graph driver does not
// match"). Making vfs the machine default removes that trap; the server still
// passes --storage-driver vfs everywhere.
const storageConf = '/etc/containers/storage.conf';
if (isRoot && !existsSync(storageConf)) {
  mkdirSync('/etc/containers', { recursive: true });
  writeFileSync(
    storageConf,
    '# Written by lago-grey-designer: vfs is the driver that works on this kernel.\n' +
      '[storage]\ndriver = "vfs"\nrunroot = "/run/containers/storage"\ngraphroot = "/var/lib/containers/storage"\n',
  );
  console.log(`wrote ${storageConf} (driver = "vfs")`);
}
