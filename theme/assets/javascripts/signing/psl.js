/* The registered domain of a host by the Public Suffix List the build uses (package publicsuffixlist, private
 * section included, unknown top-level domains counted as public), as its PublicSuffixList.privatesuffix does.
 *
 * The build ships the list's ASCII rules in parts by the first letter of the top-level domain
 * (stemsite.editors.signing_rules); a host needs one part, fetched the first time an address ends in it.
 */

export function makePsl(parts, base) {
  const known = new Set(parts);
  const loaded = new Map();

  function part(letter) {
    if (!known.has(letter)) return Promise.resolve(new Set());
    if (!loaded.has(letter)) {
      loaded.set(letter, fetch(new URL(`${letter}.json`, base))
        .then((response) => { if (!response.ok) throw new Error(response.statusText); return response.json(); })
        .then((rules) => new Set(rules)));
    }
    return loaded.get(letter);
  }

  /** How many labels at the end of ``labels`` are public (publicsuffixlist's _countpublic). */
  function countPublic(labels, rules) {
    const count = labels.length;
    if (count === 1) return 1;
    for (let i = 0; i < count; i += 1) {
      const depth = count - i;
      const suffix = labels.slice(i).join(".");
      if (rules.has(`!${suffix}`)) return depth - 1;
      if (rules.has(`*.${suffix}`)) return i > 0 ? depth + 1 : depth;
      if (rules.has(suffix)) return depth;
    }
    return 1;
  }

  /** The registrable domain of ``host`` (``www.agoria.be`` → ``agoria.be``), or null when it has none. */
  return async function registeredDomain(host) {
    const name = String(host).toLowerCase().replace(/\.$/, "");
    const labels = name.split(".");
    if (labels.includes("")) return null;
    const rules = await part(labels[labels.length - 1].replace(/^[!*]/, "").slice(0, 1));
    const publicCount = countPublic(labels, rules);
    if (labels.length < publicCount + 1) return null;
    return labels.slice(labels.length - publicCount - 1).join(".");
  };
}
