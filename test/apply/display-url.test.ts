import { describe, expect, it } from 'vitest';
import { brokerOrigin, redactUrls, urlOrigin } from '../../src/apply/display-url.js';

describe('urlOrigin', () => {
  it('keeps scheme, host and port, and drops userinfo, path, query and fragment', () => {
    expect(urlOrigin('https://user:secret@registry.example.com:8443/tenant/a?api_key=tok#frag')).toBe(
      'https://registry.example.com:8443',
    );
    expect(urlOrigin('http://127.0.0.1:18081/apis/ccompat/v7')).toBe('http://127.0.0.1:18081');
  });

  it('drops a default port as the URL parser does', () => {
    expect(urlOrigin('https://registry.example.com:443/x')).toBe('https://registry.example.com');
  });

  it('answers the scheme alone for a URL without a host', () => {
    expect(urlOrigin('file:///etc/passwd')).toBe('file://');
    // `name:port/…` parses as a scheme and a path: nothing past the scheme is kept.
    expect(urlOrigin('registry:8081/path?api_key=x')).toBe('registry://');
  });

  it('cuts a string that is not a URL to what looks like scheme://host[:port]', () => {
    expect(urlOrigin('http://user:pw@bad host/path?q=1')).toBe('http://bad');
    expect(urlOrigin('  10.0.0.1:8081/path?api_key=x')).toBe('10.0.0.1:8081');
    expect(urlOrigin('alice@registry.local/tenant')).toBe('registry.local');
    expect(urlOrigin('')).toBe('');
  });
});

describe('brokerOrigin', () => {
  it('answers host:port without scheme, userinfo, path or query', () => {
    expect(brokerOrigin(' sasl_ssl://user:pw@broker-1.example.com:9093/extra?x=y ')).toBe('broker-1.example.com:9093');
    expect(brokerOrigin('broker:9092')).toBe('broker:9092');
    expect(brokerOrigin('admin@broker:9092#frag')).toBe('broker:9092');
  });
});

describe('redactUrls', () => {
  it('cuts every URL of a text to its origin and leaves the rest of the text alone', () => {
    expect(
      redactUrls(
        'GET https://u:p@reg.example.com/t/1/subjects?api_key=abc failed; retry http://other:8081/x?token=zz.',
      ),
    ).toBe('GET https://reg.example.com failed; retry http://other:8081');
  });

  it('stops a URL at quotes, brackets and whitespace', () => {
    expect(redactUrls('"https://h/p?k=v" (http://g:1/q) <https://i/j>')).toBe('"https://h" (http://g:1) <https://i>');
  });

  it('leaves text without URLs unchanged', () => {
    expect(redactUrls('no url here: host:9092')).toBe('no url here: host:9092');
  });
});
