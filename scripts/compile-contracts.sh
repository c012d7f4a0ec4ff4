#!/usr/bin/env bash
# Regenerates the settlement contracts' compiled artifacts from gridmint-chain/contracts/*.sol, offline, with the solc
# that chain/package.json pins (npm `solc`, run through node's standard-JSON interface): evmVersion paris, optimizer on
# (200 runs). Writes one JSON per deployable contract to gridmint-chain/src/main/resources/org/gridmint/chain/:
#   {"contractName", "abi", "bytecode", "solc", "evmVersion", "optimizerRuns", "sources": {file: sha256}}
# "sources" lets a unit test (ContractArtifactsTest) fail when a .sol file changed but this script was not rerun.
# Deterministic: running it twice writes the same bytes.
#
# Usage: scripts/compile-contracts.sh [OUT_DIR]   (needs node and `cd chain && npm ci`)
#   OUT_DIR (default: the resources folder above) lets ContractRecompileTest compile elsewhere with these exact settings
#   and compare its output with the committed artifacts byte for byte.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${1:-$root/gridmint-chain/src/main/resources/org/gridmint/chain}"
solc_dir="$root/chain/node_modules/solc"
if [[ ! -f "$solc_dir/index.js" ]]; then
  echo "solc not found in $solc_dir: run \`cd chain && npm ci\` (installs solc 0.8.37)" >&2
  exit 1
fi
command -v node >/dev/null || { echo "node is required to run solc" >&2; exit 1; }

SOLC_DIR="$solc_dir" SRC_DIR="$root/gridmint-chain/contracts" \
OUT_DIR="$out_dir" node - <<'JS'
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const solc = require(process.env.SOLC_DIR);
const srcDir = process.env.SRC_DIR, outDir = process.env.OUT_DIR;
const deployable = ['StableCredit', 'GridToken', 'Settlement'];
const evmVersion = 'paris', runs = 200;

const files = fs.readdirSync(srcDir).filter(f => f.endsWith('.sol')).sort();
const sources = {}, hashes = {};
for (const f of files) {
  const content = fs.readFileSync(path.join(srcDir, f), 'utf8');
  sources[f] = { content };
  hashes[f] = crypto.createHash('sha256').update(fs.readFileSync(path.join(srcDir, f))).digest('hex');
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion,
    optimizer: { enabled: true, runs },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter(e => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
for (const name of deployable) {
  const file = name + '.sol';
  const c = output.contracts[file] && output.contracts[file][name];
  if (!c) { console.error(`no contract ${name} in ${file}`); process.exit(1); }
  const artifact = {
    contractName: name,
    abi: c.abi,
    bytecode: '0x' + c.evm.bytecode.object,
    solc: solc.version(),
    evmVersion,
    optimizerRuns: runs,
    sources: hashes,
  };
  const out = path.join(outDir, name + '.json');
  fs.writeFileSync(out, JSON.stringify(artifact, null, 2) + '\n');
  console.log(`${path.relative(process.cwd(), out)}: ${c.evm.bytecode.object.length / 2} bytes of init code`);
}
JS
