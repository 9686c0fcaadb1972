#!/usr/bin/env bash
# A release without the upload: builds the published artifacts with `-P release` (signed with a throwaway key made
# here, in a temporary GNUPGHOME that is removed afterwards), deploys nothing, and checks what Central would get:
#   - every published module: main, sources and javadoc jars and the POM, each with a good .asc signature;
#   - META-INF/LICENSE and META-INF/NOTICE inside each of those jars;
#   - no published module attaches a test-jar (-tests.jar), which Central would get with it;
#   - complete metadata in each published module's effective POM (name, description, url, licenses, developers,
#     scm), which is what Central validates (inherited elements come from the published parent eto4j-parent);
#   - every other module of the reactor marked unpublished (skipPublishing, or no release profile and
#     maven.deploy.skip), and the BOM listing every published jar.
# Ends with one line "release dry run: N passed, N failed" and exits non-zero on any failure.
#
#   scripts/release-dry-run.sh                  the whole published set, offline (-o), API check skipped
#   scripts/release-dry-run.sh --pl eto-core,eto-transport   only these published modules (and the parent, BOM)
#   scripts/release-dry-run.sh --api-check      also run the japicmp check of api-baseline/ (on in a real release)
#   scripts/release-dry-run.sh --online         let Maven download what is missing from ~/.m2
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

only="" offline="-o" api="-Djapicmp.skip=true"
while [ $# -gt 0 ]; do
  case "$1" in
    --pl) only="$2"; shift 2 ;;
    --api-check) api="-Djapicmp.skip=false"; shift ;;
    --online) offline=""; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

command -v gpg >/dev/null || { echo "gpg is missing (apt-get install gnupg)" >&2; exit 2; }
work="$(mktemp -d)"
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
cleanup() { gpgconf --homedir "$GNUPGHOME" --kill all >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

start=$(date +%s)
# A throwaway signing key without a passphrase: nothing to type, nothing kept.
gpg --batch --quiet --passphrase '' --quick-gen-key 'eto4j release dry run <dry-run@eto4j.invalid>' ed25519 sign 1d \
    >/dev/null 2>&1
key="$(gpg --batch --with-colons --list-secret-keys 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}')"
echo "throwaway key $key in $GNUPGHOME"

# The published set: the parent POM, the BOM and every module with a .published marker.
# (A marked folder that the root pom.xml does not list as a module yet is left out, with a note.)
mapfile -t modules < <(sed -n 's|^ *<module>\(.*\)</module>.*|\1|p' pom.xml)
published=()
for marker in $(find . -mindepth 2 -maxdepth 2 -name .published -printf '%h\n' | sed 's|^\./||' | sort); do
  if printf '%s\n' "${modules[@]}" | grep -qx "$marker"; then
    published+=("$marker")
  else
    echo "note: $marker has a .published marker but is not a module of the reactor yet: left out"
  fi
done
all_published="$(IFS=,; echo "${published[*]}")"
if [ -n "$only" ]; then
  IFS=, read -r -a published <<<"$only"
fi
pl="eto-bom,$(IFS=,; echo "${published[*]}")"

echo "mvn -P release verify on: . $pl"
if ! mvn -B $offline -q -P release verify -DskipTests -Dbenchmarks.smoke.skip $api \
    -Dgpg.homedir="$GNUPGHOME" -Dgpg.keyname="$key" -pl ".,$pl" -am >"$work/build.log" 2>&1; then
  tail -40 "$work/build.log"
  echo "release dry run: 0 passed, 1 failed (mvn -P release verify, after $(( $(date +%s) - start )) s)"
  exit 1
fi
build_end=$(date +%s)

# The effective POM of every reactor module (release profile on), for the metadata and the unpublished marks.
mvn -B $offline -q -P release help:effective-pom -Doutput="$work/effective.xml" >/dev/null 2>&1 \
  || mvn -B $offline -P release help:effective-pom -Doutput="$work/effective.xml" | tail -20

status=0
ALL_PUBLISHED="$all_published" BUILD_START="$start" python3 - "$root" "$work/effective.xml" "$GNUPGHOME" "${published[@]}" <<'PY' || status=$?
import os, subprocess, sys, zipfile
import xml.etree.ElementTree as ET

root, effective, gnupghome, published = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
passed, failed = 0, []

def check(ok, what):
    global passed
    if ok:
        passed += 1
    else:
        failed.append(what)
        print("FAIL", what)

def text(e, path):
    x = e.find(path, ns)
    return (x.text or "").strip() if x is not None and x.text else ""

def verify(sig, data):
    r = subprocess.run(["gpg", "--homedir", gnupghome, "--batch", "--verify", sig, data],
                       capture_output=True, text=True)
    return r.returncode == 0 and "Good signature" in r.stderr

tree = ET.parse(effective).getroot()
projects = tree.findall("m:project", ns) if tree.tag.endswith("projects") else [tree]
by_id = {text(p, "m:artifactId"): p for p in projects}

def metadata(p, label):
    for field in ("m:name", "m:description", "m:url", "m:licenses/m:license/m:name", "m:licenses/m:license/m:url",
                  "m:developers/m:developer/m:name", "m:scm/m:url", "m:scm/m:connection",
                  "m:scm/m:developerConnection"):
        check(bool(text(p, field)), f"{label}: POM has {field.replace('m:', '')}")
    url = text(p, "m:url")
    check(url.startswith("https://github.com/eto4j/eto4j") and url.rstrip("/").count("/") == 4,
          f"{label}: POM url is the repository ({url})")

def signed(path, label):
    check(os.path.isfile(path), f"{label}: {os.path.basename(path)} built")
    check(os.path.isfile(path + ".asc") and verify(path + ".asc", path),
          f"{label}: {os.path.basename(path)}.asc is a good signature")

# The parent POM and the BOM: POM-only artifacts.
for module, artifact in ((".", "eto4j-parent"), ("eto-bom", "eto-bom")):
    p = by_id.get(artifact)
    check(p is not None, f"{artifact}: in the reactor")
    if p is None:
        continue
    version = text(p, "m:version")
    metadata(p, artifact)
    signed(os.path.join(root, module, "target", f"{artifact}-{version}.pom"), artifact)

bom = by_id.get("eto-bom")
bom_ids = set()
if bom is not None:
    bom_ids = {text(d, "m:artifactId") for d in bom.findall("m:dependencyManagement/m:dependencies/m:dependency", ns)}

for module in published:
    artifact = os.path.basename(module)
    p = by_id.get(artifact)
    check(p is not None, f"{artifact}: in the reactor")
    if p is None:
        continue
    version = text(p, "m:version")
    metadata(p, artifact)
    props = p.find("m:properties", ns)
    skip = props.find("m:skipPublishing", ns) if props is not None else None
    check(skip is None or skip.text.strip() != "true", f"{artifact}: not marked skipPublishing")
    check(artifact in bom_ids, f"{artifact}: listed in eto-bom")
    target = os.path.join(root, module, "target")
    signed(os.path.join(target, f"{artifact}-{version}.pom"), artifact)
    for suffix in ("", "-sources", "-javadoc"):
        jar = os.path.join(target, f"{artifact}-{version}{suffix}.jar")
        signed(jar, artifact)
        if os.path.isfile(jar):
            names = set(zipfile.ZipFile(jar).namelist())
            for f in ("META-INF/LICENSE", "META-INF/NOTICE"):
                check(f in names, f"{artifact}: {f} in {os.path.basename(jar)}")
    # Central would get every attached classifier: shared test code and fixtures are test source roots and test
    # resources of the modules that use them, never a test-jar.
    # (The effective POM decides; a -tests.jar left in target/ by an older build counts only if this one wrote it.)
    goals = {g.text.strip() for g in p.findall("m:build/m:plugins/m:plugin/m:executions/m:execution/m:goals/m:goal", ns)
             if g.text}
    tests = os.path.join(target, f"{artifact}-{version}-tests.jar")
    fresh = os.path.isfile(tests) and os.path.getmtime(tests) >= float(os.environ["BUILD_START"])
    check("test-jar" not in goals and not fresh, f"{artifact}: attaches no test-jar ({os.path.basename(tests)})")

# Everything else in the reactor stays home, and no published module needs it.
names = {os.path.basename(m) for m in os.environ["ALL_PUBLISHED"].split(",")} | {"eto4j-parent", "eto-bom"}
needed_by = {}
for artifact in names:
    p = by_id.get(artifact)
    for d in (p.findall("m:dependencies/m:dependency", ns) if p is not None else []):
        if text(d, "m:groupId") == "org.eto4j" and text(d, "m:scope") in ("", "compile", "runtime") \
                and text(d, "m:type") in ("", "jar"):
            needed_by.setdefault(text(d, "m:artifactId"), []).append(artifact)
for artifact, p in sorted(by_id.items()):
    if artifact in names:
        continue
    check(artifact not in needed_by,
          f"{artifact}: unpublished, yet {', '.join(sorted(needed_by.get(artifact, [])))} depend on it at run time")
    props = p.find("m:properties", ns)
    prop = lambda k: (props.find(f"m:{k}", ns).text or "").strip() if props is not None and props.find(f"m:{k}", ns) is not None else ""
    parent = text(p, "m:parent/m:artifactId")
    if parent == "eto4j-parent":
        check(prop("skipPublishing") == "true" and prop("gpg.skip") == "true",
              f"{artifact}: marked unpublished (skipPublishing, gpg.skip)")
    else:  # not under eto4j's parent: no release profile, so only a plain deploy could take it
        check(prop("maven.deploy.skip") == "true", f"{artifact}: marked unpublished (maven.deploy.skip)")
    print(f"unpublished: {artifact}")

print(f"published: eto4j-parent, eto-bom, {', '.join(os.path.basename(m) for m in published)}")
print(f"release dry run: {passed} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
PY
echo "build $((build_end - start)) s, total $(( $(date +%s) - start )) s"
exit $status
