import { describe, expect, it } from 'vitest';
import { ipv6Groups, isPublicAddress, isReservedName, vetUrl } from './address-policy.js';

describe('isPublicAddress: IPv4', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', '"this network" 0/8'],
    ['10.0.0.1', 'private 10/8'],
    ['10.255.255.255', 'private 10/8, last'],
    ['100.64.0.1', 'CGNAT 100.64/10'],
    ['100.127.255.254', 'CGNAT, last'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback, anywhere in 127/8'],
    ['169.254.169.254', 'cloud metadata (link-local)'],
    ['169.254.0.1', 'link-local'],
    ['172.16.0.1', 'private 172.16/12'],
    ['172.31.255.255', 'private 172.16/12, last'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.10', 'TEST-NET-1'],
    ['192.88.99.1', '6to4 relay anycast'],
    ['192.168.1.1', 'private 192.168/16'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking, last'],
    ['198.51.100.7', 'TEST-NET-2'],
    ['203.0.113.9', 'TEST-NET-3'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast SSDP'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ])('refuses %s (%s)', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(['1.1.1.1', '8.8.8.8', '9.255.255.255', '11.0.0.0', '100.63.255.255', '100.128.0.0', '126.255.255.255', '128.0.0.1', '169.253.255.255', '172.15.255.255', '172.32.0.0', '192.167.255.255', '192.169.0.0', '198.17.255.255', '198.20.0.0', '223.255.255.255'])(
    'allows the public address %s (range edges included)',
    (ip) => {
      expect(isPublicAddress(ip)).toBe(true);
    },
  );

  it('refuses things that are not addresses at all', () => {
    for (const s of ['', 'localhost', '127.1', '0x7f.0.0.1', '2130706433', '1.2.3.4.5', '::g', 'example.com']) expect(isPublicAddress(s), s).toBe(false);
  });
});

describe('isPublicAddress: IPv6', () => {
  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback, long form'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['0:0:0:0:0:ffff:192.168.0.1', 'IPv4-mapped private, long form'],
    ['::127.0.0.1', 'IPv4-compatible (deprecated)'],
    ['::8.8.8.8', 'IPv4-compatible, even of a public address'],
    ['64:ff9b::127.0.0.1', 'NAT64 of loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of metadata, hex'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['100::1', 'discard-only'],
    ['fc00::1', 'unique local fc00::/7'],
    ['fd12:3456:789a::1', 'unique local fd'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['febf::1', 'link-local, last /10'],
    ['fec0::1', 'site-local (deprecated)'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    ['2001::1', 'Teredo'],
    ['2001:2::1', 'benchmarking'],
    ['2001:10::1', 'ORCHID'],
    ['2001:db8::1', 'documentation'],
    ['2002:7f00:1::1', '6to4 (tunnels to any IPv4, here loopback)'],
    ['3fff::1', 'documentation (RFC 9637)'],
    ['::2', 'inside ::/96'],
    ['1::1', 'outside 2000::/3'],
    ['4000::1', 'outside 2000::/3'],
  ])('refuses %s (%s)', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(['2606:4700:4700::1111', '2001:4860:4860::8888', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::8.8.8.8', '2001:200::1', '3fff:1000::1', '2400:cb00::1'])(
    'allows the public address %s',
    (ip) => {
      expect(isPublicAddress(ip)).toBe(true);
    },
  );

  it('expands every IPv6 spelling to the same eight groups', () => {
    const loop = [0, 0, 0, 0, 0, 0, 0, 1];
    expect(ipv6Groups('::1')).toEqual(loop);
    expect(ipv6Groups('0:0:0:0:0:0:0:1')).toEqual(loop);
    expect(ipv6Groups('::0.0.0.1')).toEqual(loop);
    expect(ipv6Groups('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(ipv6Groups('0:0:0:0:0:ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(ipv6Groups('FE80::1%25eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups('2001:db8::')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]);
    expect(ipv6Groups('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('isReservedName', () => {
  it.each(['localhost', 'LOCALHOST', 'localhost.', 'a.localhost', 'printer.local', 'nas.home.arpa', 'db.internal', 'images.tracker.example', 'x.test', 'x.invalid', 'abc.onion', 'router', 'intranet'])(
    'refuses %s without a lookup',
    (name) => {
      expect(isReservedName(name)).toBe(true);
    },
  );
  it.each(['images.example.com', 'cdn.mailchimp.com', 'localhost.com', 'test.de', 'example.org'])('looks up %s', (name) => {
    expect(isReservedName(name)).toBe(false);
  });
});

describe('vetUrl', () => {
  const refused = (raw: string) => {
    const v = vetUrl(raw);
    return v.ok ? 'ok' : v.reason;
  };

  it('accepts http and https to a public literal or an ordinary name, on 80 and 443', () => {
    const v = vetUrl('https://images.example.com/p.gif?id=1');
    expect(v).toMatchObject({ ok: true, host: 'images.example.com', port: 443, literal: null });
    expect(vetUrl('http://8.8.8.8/x.png')).toMatchObject({ ok: true, host: '8.8.8.8', port: 80, literal: '8.8.8.8' });
    expect(vetUrl('http://cdn.example.com:443/x.png')).toMatchObject({ ok: true, port: 443 });
    expect(vetUrl('https://[2606:4700:4700::1111]/x.png')).toMatchObject({ ok: true, host: '2606:4700:4700::1111', port: 443 });
  });

  it('refuses other schemes, credentials and ports', () => {
    expect(refused('ftp://images.example.com/x.png')).toBe('scheme');
    expect(refused('file:///etc/passwd')).toBe('scheme');
    expect(refused('data:image/png;base64,AAAA')).toBe('scheme');
    expect(refused('javascript:alert(1)')).toBe('scheme');
    expect(refused('gopher://images.example.com:70/')).toBe('scheme');
    expect(refused('https://user:pw@images.example.com/x.png')).toBe('credentials');
    expect(refused('https://images.example.com:8443/x.png')).toBe('port');
    expect(refused('http://images.example.com:22/')).toBe('port');
    expect(refused('http://images.example.com:6379/')).toBe('port');
    expect(refused('not a url')).toBe('invalid-url');
    expect(refused('/api/session')).toBe('invalid-url');
  });

  // The WHATWG parser normalises these to dotted quads before the policy sees them.
  it.each([
    ['http://127.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0x7f.0.0.1/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://0.0.0.0/', '0.0.0.0'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://0xa9.0xfe.0xa9.0xfe/', '169.254.169.254'],
    ['http://2852039166/', '169.254.169.254'],
    ['http://10.1/', '10.0.0.1'],
    ['http://0xc0.0xa8.1.1/', '192.168.1.1'],
    ['http://①②⑦.0.0.1/', '127.0.0.1'],
    ['http://127.0.0.1./', '127.0.0.1'],
  ])('refuses %s (the parser reads it as %s)', (raw, normalised) => {
    expect(new URL(raw).hostname.replace(/\.$/, '')).toBe(normalised);
    expect(refused(raw)).toBe('non-public-address');
  });

  it.each([
    'http://[::1]/',
    'http://[::]/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://[ff02::1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[2002:a9fe:a9fe::]/',
  ])('refuses the IPv6 literal in %s', (raw) => {
    expect(refused(raw)).toBe('non-public-address');
  });

  it('refuses reserved and single-label names before any lookup', () => {
    expect(refused('http://localhost/')).toBe('reserved-name');
    expect(refused('http://LOCALHOST./x')).toBe('reserved-name');
    expect(refused('http://foo.localhost/')).toBe('reserved-name');
    expect(refused('https://images.tracker.example/pixel.gif')).toBe('reserved-name');
    expect(refused('http://metadata/')).toBe('reserved-name');
    expect(refused('http://metadata.google.internal/')).toBe('reserved-name');
  });

  it('reads scheme-relative tricks the way the parser does: a backslash is a slash', () => {
    expect(refused('http:\\\\127.0.0.1\\x')).toBe('non-public-address');
    expect(refused('https://images.example.com\\@127.0.0.1/')).toBe('ok'); // the host is images.example.com
    expect(vetUrl('https://images.example.com\\@127.0.0.1/')).toMatchObject({ host: 'images.example.com' });
  });
});
