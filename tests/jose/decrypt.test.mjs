// Checks decrypt.mjs itself: seals with jose's CompactEncrypt the way the app does (EC P-256 and
// RSA keys, ECDH-ES+A256KW / RSA-OAEP-256, A256GCM, cty and onboardingId in the protected header)
// and opens the result through the script's stdin/stdout, plus the ways it must refuse.
// Run: node --test tests/jose/   (after ensure_jose in scripts/tools.sh)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CompactEncrypt, exportJWK, generateKeyPair } from "jose";

const SCRIPT = fileURLToPath(new URL("./decrypt.mjs", import.meta.url));
const BUNDLE = {
  format: "m365-registrar.bundle",
  version: 1,
  onboardingId: "onb-7Hq2",
  tenantId: "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e",
  clientSecret: { value: "Q~not-a-real-secret", keyId: "k", expires: "2027-05-29T17:02:10Z" },
};

function run(input) {
  const out = spawnSync(process.execPath, [SCRIPT], { input: JSON.stringify(input), encoding: "utf8" });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

async function keys(alg) {
  const options = alg === "RSA-OAEP-256" ? { modulusLength: 2048, extractable: true } : { crv: "P-256", extractable: true };
  const { publicKey, privateKey } = await generateKeyPair(alg, options);
  return { publicKey, privateJwk: await exportJWK(privateKey) };
}

async function seal(publicKey, alg, extra = {}) {
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(BUNDLE)))
    .setProtectedHeader({ alg, enc: "A256GCM", cty: "application/json", kid: "backup-2026", onboardingId: "onb-7Hq2", ...extra })
    .encrypt(publicKey);
}

for (const alg of ["ECDH-ES+A256KW", "RSA-OAEP-256"]) {
  test(`${alg}: opens and prints the header and the parsed bundle`, async () => {
    const { publicKey, privateJwk } = await keys(alg);
    const out = run({ jwe: await seal(publicKey, alg), privateJwk });
    assert.equal(out.status, 0, out.stderr);
    const { protectedHeader, plaintext } = JSON.parse(out.stdout);
    assert.equal(protectedHeader.alg, alg);
    assert.equal(protectedHeader.enc, "A256GCM");
    assert.equal(protectedHeader.onboardingId, "onb-7Hq2");
    assert.equal(protectedHeader.kid, "backup-2026");
    if (alg.startsWith("ECDH")) assert.equal(protectedHeader.epk.crv, "P-256");
    assert.deepEqual(plaintext, BUNDLE);
  });

  test(`${alg}: another key does not open it`, async () => {
    const { publicKey } = await keys(alg);
    const { privateJwk: other } = await keys(alg);
    const out = run({ jwe: await seal(publicKey, alg), privateJwk: other });
    assert.equal(out.status, 1);
    assert.match(out.stderr, /decryption failed/);
    assert.equal(out.stdout, "");
  });

  test(`${alg}: a changed protected header (the AES-GCM additional data) is refused`, async () => {
    const { publicKey, privateJwk } = await keys(alg);
    const [header, ...rest] = (await seal(publicKey, alg)).split(".");
    const changed = JSON.parse(Buffer.from(header, "base64url").toString());
    changed.onboardingId = "onb-other";
    const jwe = [Buffer.from(JSON.stringify(changed)).toString("base64url"), ...rest].join(".");
    const out = run({ jwe, privateJwk });
    assert.equal(out.status, 1);
    assert.match(out.stderr, /decryption failed/);
  });
}

test("an algorithm outside the protocol is refused", async () => {
  const { publicKey, privateJwk } = await keys("ECDH-ES");
  const jwe = await new CompactEncrypt(new TextEncoder().encode("{}"))
    .setProtectedHeader({ alg: "ECDH-ES", enc: "A256GCM" })
    .encrypt(publicKey);
  const out = run({ jwe, privateJwk });
  assert.equal(out.status, 1);
  assert.match(out.stderr, /not one the protocol uses/);
});

test("A128GCM content encryption is refused", async () => {
  const { publicKey, privateJwk } = await keys("ECDH-ES+A256KW");
  const jwe = await new CompactEncrypt(new TextEncoder().encode("{}"))
    .setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A128GCM" })
    .encrypt(publicKey);
  const out = run({ jwe, privateJwk });
  assert.equal(out.status, 1);
  assert.match(out.stderr, /decryption failed/);
});

test("input that is not the expected JSON is refused with a message", () => {
  for (const input of [{}, { jwe: "a.b", privateJwk: {} }, { jwe: "a.b.c.d.e" }]) {
    const out = run(input);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /^decrypt\.mjs: /);
  }
  const notJson = spawnSync(process.execPath, [SCRIPT], { input: "nope", encoding: "utf8" });
  assert.equal(notJson.status, 1);
  assert.match(notJson.stderr, /stdin is not JSON/);
});
