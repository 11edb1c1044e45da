"""The one URL reader (``stemsite.urls``): the host every rule sees, and the addresses it refuses in Dutch."""

from __future__ import annotations

import pytest

from stemsite import urls
from stemsite.urls import FIX
from stemsite.markup import render_markdown
from stemsite.validate import checks
from stemsite.validate.formats import FormatProblem, check_https_url


@pytest.mark.parametrize("written,host,rest", [
    ("https://www.agoria.be/", "www.agoria.be", "/"),
    ("https://WWW.Agoria.BE/Pad?Q=1#X", "www.agoria.be", "/Pad?Q=1#X"),  # the host's case, never the path's
    ("https://www.agoria.be./charter", "www.agoria.be", "/charter"),  # a trailing dot is the same host
    ("https://www.agoria.be:443/", "www.agoria.be", "/"),  # the https port written out
    ("https://evil.example?x=.agoria.be", "evil.example", "?x=.agoria.be"),
    ("https://evil.example#.agoria.be", "evil.example", "#.agoria.be"),
    ("https://bücher.be/", "xn--bcher-kva.be", "/"),  # IDNA: what a browser connects to
    ("https://xn--bcher-kva.be/", "xn--bcher-kva.be", "/"),
    ("https://www.agoria.be", "www.agoria.be", "/"),
    ("https://WWW.VOORBEELD.BOX./", "www.voorbeeld.box", "/"),
    ("https://Xenon.example/", "xenon.example", "/"),
    ("https://www.stem-2030.be/", "www.stem-2030.be", "/"),  # digits and a hyphen in a label; the top level is the last
    ("https://www.agoria.be:/charter", "www.agoria.be", "/charter"),  # an empty port is the default port
    ("https://" + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 58 + ".be/",  # 253 characters: the longest
     "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 58 + ".be", "/"),
])
def test_the_host_is_read_once_for_every_rule(written, host, rest):
    address = urls.read_https(written)
    assert (address.written, address.host, address.rest) == (written, host, rest)
    assert address.url == f"https://{host}{rest}"
    assert check_https_url(written) == written  # the format check agrees: same reader


@pytest.mark.parametrize("written,message,fix", [
    ("http://www.agoria.be/", "'http:'-adressen zijn niet toegelaten, alleen https://",
     FIX),
    ("www.agoria.be/", "adressen zonder https:// zijn niet toegelaten, alleen https://",
     FIX),
    ("https://www.agoria.be/\x01", 'het adres bevat spaties of onzichtbare tekens',
     'verwijder spaties en regeleinden'),  # a control character that is no space
    ("https://www.agoria.be/\x7f", 'het adres bevat spaties of onzichtbare tekens',
     'verwijder spaties en regeleinden'),
    ("https://X192.0.2.1/", "'X192.0.2.1' is geen geldige domeinnaam",
     FIX),  # not an IP address: only brackets are stripped before that check
    ("https://xn--a.be/", "'xn--a.be' is geen geldige domeinnaam",
     FIX),  # an xn-- label that does not decode
    ("https://" + "\u00fc" * 64 + ".be/", "'" + "\u00fc" * 64 + ".be' is geen geldige domeinnaam",
     FIX),  # a label too long for IDNA
    ("https://www.agoria.b3/", "'www.agoria.b3' is geen geldige domeinnaam",
     FIX),  # the last label is the top level
    ("HTTPS://www.agoria.be/", 'het adres moet met kleine letters https:// beginnen',
     FIX),
    ("https:www.agoria.be/", 'het adres moet met kleine letters https:// beginnen',
     FIX),
    ("https:/\\evil.example/", 'het adres bevat een backslash (\\); een browser leest die als / en kan zo op een andere site uitkomen',
     'schrijf het adres met gewone schuine strepen (/)'),
    ("https://agoria.be\\@evil.example/", 'het adres bevat een backslash (\\); een browser leest die als / en kan zo op een andere site uitkomen',
     'schrijf het adres met gewone schuine strepen (/)'),
    ("https://agoria.be@evil.example/", 'een adres met gebruikersnaam of wachtwoord (iets@) is niet toegelaten',
     'laat het deel voor de @ weg'),
    ("https://agoria.be:8443/", "'agoria.be:8443' gebruikt poort 8443; een website hoort op de gewone poort",
     "laat ':8443' weg uit het adres"),
    ("https://agoria.be:80/", "'agoria.be:80' gebruikt poort 80; een website hoort op de gewone poort",
     "laat ':80' weg uit het adres"),
    ("https://XN--AGRIA-SCE.BE/",
     "de domeinnaam 'XN--AGRIA-SCE.BE' mengt letters uit verschillende schriften ('ag\u03bfria'), zodat ze op een andere "
     "kan lijken", "schrijf de domeinnaam zoals de organisatie hem zelf gebruikt"),
    ("https://[2001:db8::1]:443/", "'[2001:db8::1]:443' is een IP-adres, geen domeinnaam",
     'schrijf de domeinnaam van de website, bv. https://www.voorbeeld.be/'),
    ("https://" + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 59 + ".be/",  # 254 characters
     "'" + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 59 + ".be' is geen geldige domeinnaam", FIX),
    ("https://192.0.2.1/", "'192.0.2.1' is een IP-adres, geen domeinnaam",
     'schrijf de domeinnaam van de website, bv. https://www.voorbeeld.be/'),
    ("https://[2001:db8::1]/", "'[2001:db8::1]' is een IP-adres, geen domeinnaam",
     'schrijf de domeinnaam van de website, bv. https://www.voorbeeld.be/'),
    ("https://%65vil.example/", "'%65vil.example' bevat een gecodeerde domeinnaam (met %)",
     'schrijf de domeinnaam gewoon uit'),
    ("https://www.agoria\u200b.be/", 'het adres bevat spaties of onzichtbare tekens',
     'verwijder spaties en regeleinden'),
    ("https://www.agoria.be/ x", 'het adres bevat spaties of onzichtbare tekens',
     'verwijder spaties en regeleinden'),
    ("https://ag\u03bfria.be/", "de domeinnaam 'ag\u03bfria.be' mengt letters uit verschillende schriften ('ag\u03bfria'), zodat ze op een andere kan lijken",
     'schrijf de domeinnaam zoals de organisatie hem zelf gebruikt'),
    ("https://xn--agria-sce.be/", "de domeinnaam 'xn--agria-sce.be' mengt letters uit verschillende schriften ('ag\u03bfria'), zodat ze op een andere kan lijken",
     'schrijf de domeinnaam zoals de organisatie hem zelf gebruikt'),
    ("https://localhost/", "'localhost' is geen geldige domeinnaam",
     FIX),
    ("https://agoria..be/", "'agoria..be' is geen geldige domeinnaam",
     FIX),
    ("https://agoria.be../", "'agoria.be..' is geen geldige domeinnaam",
     FIX),
    ("https://agoria_be.example/", "'agoria_be.example' is geen geldige domeinnaam",
     FIX),
    ("https://[agoria.be/", "'https://[agoria.be/' is geen geldig adres",
     FIX),
    ("https://agoria.be:99999/", "'https://agoria.be:99999/' is geen geldig adres",
     FIX),
])
def test_what_the_reader_refuses_and_the_format_check_says_the_same(written, message, fix):
    with pytest.raises(urls.UrlProblem) as refused:
        urls.read_https(written)
    assert (refused.value.message, refused.value.fix, str(refused.value)) == (message, fix, message)
    with pytest.raises(FormatProblem) as format_refused:
        check_https_url(written)
    assert (format_refused.value.message, format_refused.value.fix) == (refused.value.message, refused.value.fix)


@pytest.mark.parametrize("host,domain", [
    ("www.agoria.be", "agoria.be"), ("WWW.AGORIA.BE", "agoria.be"), ("agoria.be.", "agoria.be"),
    ("corpus.github.io", "corpus.github.io"), ("github.io", None), ("s3.amazonaws.com", None),
    ("s3.eu-west-1.amazonaws.com", None), ("bucket.s3.amazonaws.com", "bucket.s3.amazonaws.com"), ("ac.be", None),
])
def test_registered_domains_come_from_the_public_suffix_list_private_section_included(host, domain):
    assert urls.registered_domain(host) == domain


@pytest.mark.parametrize("proof,ok", [
    ("https://www.agoria.be/charter", True), ("https://AGORIA.BE./charter", True),
    ("https://evil.example?x=.agoria.be", False), ("https://evil.example#.agoria.be", False),
    ("https://evil.example/.agoria.be", False), ("https://agoria.be.evil.example/", False),
])
def test_the_proof_check_reads_the_host_as_the_format_check_does(proof, ok):
    assert (checks.same_site_problem(proof, "https://www.agoria.be/") is None) == ok


def test_a_missing_registered_domain_is_a_mismatch_unless_its_own_message_says_so():
    # github.io has no registered domain: either side without one is a mismatch, never a skipped comparison.
    assert checks.same_site_problem("https://github.io/charter", "https://github.io/")
    assert checks.same_site_problem("https://www.agoria.be/charter", "https://s3.amazonaws.com/b/")
    assert checks.same_site_problem("https://github.io/charter", "https://github.io/", suffixes_reported=True) is None
    assert checks.own_domain_problem("https://s3.amazonaws.com/b/c.html", "de bewijspagina")[0].startswith(
        "de bewijspagina staat op s3.amazonaws.com, een publiek achtervoegsel")
    assert checks.own_domain_problem("https://www.agoria.be/", "de website") is None
    # A side that is missing or not text is the format check's or the schema's to report, never a crash.
    for mine, theirs in [("https://www.agoria.be/charter", None), (None, "https://www.agoria.be/"), (42, 42)]:
        assert checks.same_site_problem(mine, theirs) is None


@pytest.mark.parametrize("href,kept", [
    ("https://www.agoria.be/p", "https://www.agoria.be/p"),
    ("https://WWW.Agoria.be/p", "https://www.agoria.be/p"),
    ("https://Xenon.example/p", "https://xenon.example/p"), ("HTTPS://www.agoria.be/", "https://www.agoria.be/"),
    ("https:\\\\www.agoria.be\\p", "https://www.agoria.be/p"), (" https://www.agoria.be/\t", "https://www.agoria.be/"),
    ("mailto:stem@voorbeeld.be", "mailto:stem@voorbeeld.be"),
    ("/agenda/", "/agenda/"), ("#boven", "#boven"),
    ("http://www.agoria.be/", None), ("HTTP://www.agoria.be/", None), ("javascript:alert(1)", None),
    ("//evil.example/", None), ("/\\evil.example/", None), ("https://agoria.be@evil.example/", None),
    ("https://agoria.be:8443/", None), ("data:text/html,x", None), ("ftp://evil.example/", None),
])
def test_the_sanitisers_link_filter_reads_links_with_the_same_reader(href, kept):
    assert urls.link_target(href) == kept
    html = str(render_markdown(f"[x]({href})"))
    assert (f'href="{kept}"' in html) if kept else ("href" not in html), html


@pytest.mark.parametrize("href,seen,leaves", [
    (" /a\tb\n ", "/ab", False), ("/\\evil.example/p", "//evil.example/p", True),
    ("\\\\evil.example\\p", "//evil.example/p", True), ("/\t/evil.example", "//evil.example", True),
    ("HTTPS:\\\\evil.example", "HTTPS://evil.example", False), ("Http:\\\\evil.example", "Http://evil.example", False),
    ("mailto:a\\b@voorbeeld.be", "mailto:a\\b@voorbeeld.be", False), ("/agenda/", "/agenda/", False),
    ("\x01//evil.example/", "//evil.example/", True),  # C0 controls at the edges are trimmed, as a browser does
    ("\u00a0//evil.example/", "\u00a0//evil.example/", False),  # a no-break space is not: a path on this site
])
def test_links_are_read_as_a_browser_reads_them(href, seen, leaves):
    assert urls.browser_form(href) == seen
    assert urls.leaves_without_scheme(href) is leaves
