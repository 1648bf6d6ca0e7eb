#!/usr/bin/env node
// Opens a sealed bundle with npm `jose`, a JOSE implementation that is not ours, as a vendor's
// backup server would (docs/handoff.md, "The sealed bundle (JWE)").
//
//   stdin:  {"jwe": "<compact JWE>", "privateJwk": {...}}
//   stdout: {"protectedHeader": {...}, "plaintext": <the plaintext, parsed as JSON>}
//   exit 1 with a message on stderr when anything is wrong: bad input, a key that does not open
//   it, an algorithm outside the protocol, a changed header or ciphertext, plaintext not JSON.
//
// Only what the protocol allows is accepted: ECDH-ES+A256KW or RSA-OAEP-256 with A256GCM.
import { compactDecrypt, decodeProtectedHeader, importJWK } from "jose";

const KEY_ALGORITHMS = ["ECDH-ES+A256KW", "RSA-OAEP-256"];
const CONTENT_ALGORITHMS = ["A256GCM"];

function fail(message) {
  process.stderr.write(`decrypt.mjs: ${message}\n`);
  process.exit(1);
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

async function main() {
  let input;
  try {
    input = JSON.parse(await readStdin());
  } catch (error) {
    fail(`stdin is not JSON: ${error.message}`);
  }
  const { jwe, privateJwk } = input ?? {};
  if (typeof jwe !== "string" || jwe.split(".").length !== 5) fail("`jwe` is not a compact JWE");
  if (!privateJwk || typeof privateJwk !== "object") fail("`privateJwk` is not a JWK object");

  let header;
  try {
    header = decodeProtectedHeader(jwe);
  } catch (error) {
    fail(`the JWE's protected header does not decode: ${error.message}`);
  }
  if (!KEY_ALGORITHMS.includes(header.alg)) fail(`alg ${JSON.stringify(header.alg)} is not one the protocol uses`);

  let key;
  try {
    // The JWK's own `alg`, if it has one, must agree: importJWK refuses a mismatch.
    key = await importJWK(privateJwk, header.alg);
  } catch (error) {
    fail(`the private JWK does not import for ${header.alg}: ${error.message}`);
  }

  let opened;
  try {
    opened = await compactDecrypt(jwe, key, {
      keyManagementAlgorithms: KEY_ALGORITHMS,
      contentEncryptionAlgorithms: CONTENT_ALGORITHMS,
    });
  } catch (error) {
    fail(`decryption failed (${error.code ?? error.name}): ${error.message}`);
  }

  let plaintext;
  try {
    plaintext = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(opened.plaintext));
  } catch (error) {
    fail(`the plaintext is not UTF-8 JSON: ${error.message}`);
  }
  process.stdout.write(JSON.stringify({ protectedHeader: opened.protectedHeader, plaintext }) + "\n");
}

main().catch((error) => fail(error?.message ?? String(error)));
