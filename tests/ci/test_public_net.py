"""The link check's address filter, range by range (issue 28, item 7).

IPv6 addresses that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are as public as
that IPv4 address; everything outside global unicast ``2000::/3``, and the special blocks inside
it, is refused. Each refusal says, in Dutch, which address it was and what it stands for. Literal
addresses: no lookup, no connection is made.
"""

from __future__ import annotations

import ipaddress

import pytest

from stemsite.workflows import public_net

REFUSED = {
    # NAT64, well-known prefix (RFC 6052): the last 32 bits are the IPv4 address reached
    "64:ff9b::a00:1": "dat staat voor 10.0.0.1, een adres in een intern netwerk",
    "64:ff9b::7f00:1": "dat staat voor 127.0.0.1, een adres in een intern netwerk",
    "64:ff9b::a9fe:a9fe": "dat staat voor 169.254.169.254, een adres in een intern netwerk",
    # NAT64, local-use prefix (RFC 8215): only inside one network
    "64:ff9b:1::808:808": "een adres in een intern netwerk",
    # 6to4 (RFC 3056): bits 16-48 are the IPv4 address
    "2002:a00:1::1": "dat staat voor 10.0.0.1, een adres in een intern netwerk",
    "2002:c0a8:101::": "dat staat voor 192.168.1.1, een adres in een intern netwerk",
    "2002:7f00:1::": "dat staat voor 127.0.0.1, een adres in een intern netwerk",
    # IPv4-compatible (deprecated, RFC 4291)
    "::a00:1": "dat staat voor 10.0.0.1, een adres in een intern netwerk",
    "::7f00:1": "dat staat voor 127.0.0.1, een adres in een intern netwerk",
    "::1": "dat staat voor 0.0.0.1, een adres in een intern netwerk",
    "::": "dat staat voor 0.0.0.0, een adres in een intern netwerk",
    # IPv4-mapped
    "::ffff:a9fe:a9fe": "dat staat voor 169.254.169.254, een adres in een intern netwerk",
    "::ffff:100.64.0.1": "dat staat voor 100.64.0.1, een adres in een intern netwerk",
    # Teredo (RFC 4380), whatever server and client it names
    "2001:0:4136:e378:8000:63bf:3fff:fdd2": "een Teredo-tunneladres",
    "2001::808:808": "een Teredo-tunneladres",
    # site-local (deprecated, RFC 3879), unique-local, link-local
    "fec0::1": "een adres in een intern netwerk",
    "feff::1": "een adres in een intern netwerk",
    "fd00::1": "een adres in een intern netwerk",
    "fe80::1": "een adres in een intern netwerk",
    # multicast
    "ff02::1": "een multicastadres",
    "ff0e::1": "een multicastadres",
    "224.0.0.251": "een multicastadres",
    "239.255.255.250": "een multicastadres",
    # reserved, discard, documentation, IETF protocol assignments
    "100::1": "een adres in een intern netwerk",
    "5f00::1": "een adres in een intern netwerk",
    "4000::1": "een adres in een intern netwerk",
    "2001:db8::1": "een adres in een intern netwerk",
    "3fff::1": "een adres in een intern netwerk",
    "2001:2::1": "een adres in een intern netwerk",
    "240.0.0.1": "een adres in een intern netwerk",
    "0.1.2.3": "een adres in een intern netwerk",
    "192.0.0.9": "een adres in een intern netwerk",
    "192.88.99.1": "een adres in een intern netwerk",
    "100.64.0.1": "een adres in een intern netwerk",
    "198.51.100.7": "een adres in een intern netwerk",
}
PUBLIC = ["8.8.8.8", "2001:4860:4860::8888", "2620:fe::fe", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
          "::808:808", "1.1.1.1", "2a00:1450:400e:80f::200e"]


@pytest.mark.parametrize("text", REFUSED)
def test_an_address_off_the_public_internet_is_refused_with_what_it_is(text):
    assert not public_net.is_public(ipaddress.ip_address(text))
    with pytest.raises(public_net.NotPublic) as refused:
        public_net.vetted_addresses(f"[{text}]" if ":" in text else text, 443)
    host = f"[{text}]" if ":" in text else text
    assert refused.value.what == f"{host} wijst naar {ipaddress.ip_address(text)}, {REFUSED[text]}"


@pytest.mark.parametrize("text", PUBLIC)
def test_a_public_address_is_used_as_it_is(text):
    assert public_net.is_public(ipaddress.ip_address(text))
    assert [ip for _, ip in public_net.vetted_addresses(text, 443)] == [str(ipaddress.ip_address(text))]


@pytest.mark.parametrize("prefix", ["64:ff9b::", "::", "::ffff:0:0"])
@pytest.mark.parametrize("v4", ["10.0.0.1", "172.16.0.1", "192.168.0.1", "127.0.0.1", "169.254.169.254",
                                "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1"])
def test_every_internal_ipv4_is_refused_inside_every_ipv6_that_carries_it(prefix, v4):
    carrier = ipaddress.IPv6Address(int(ipaddress.IPv6Address(prefix)) | int(ipaddress.IPv4Address(v4)))
    assert public_net.carried_ipv4(carrier) == ipaddress.IPv4Address(v4)
    assert not public_net.is_public(carrier), carrier
    sixtofour = ipaddress.IPv6Address((0x2002 << 112) | (int(ipaddress.IPv4Address(v4)) << 80) | 1)
    assert public_net.carried_ipv4(sixtofour) == ipaddress.IPv4Address(v4)
    assert not public_net.is_public(sixtofour), sixtofour
