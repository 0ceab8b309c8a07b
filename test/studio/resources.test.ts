import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toFlowResource, toFlowRevision } from '../../src/studio/resources.ts';

// A proxy or a misbehaving upstream can answer any JSON: a field of the wrong type must read as absent,
// never as the text "[object Object]" that a report would then show as if Studio had said it.
describe('Studio answers of the wrong shape', () => {
  const hostile = {
    sid: { $ne: 'FW1' },
    friendly_name: ['Main IVR'],
    url: { href: 'https://x' },
    revision: '3',
    status: 'published',
  };

  it('reads non-string sid, friendly_name and url as empty', () => {
    for (const read of [toFlowRevision, toFlowResource]) {
      const r = read(hostile);
      assert.equal(r.sid, '');
      assert.equal(r.friendlyName, '');
      assert.equal(r.url, '');
      assert.doesNotMatch(JSON.stringify(r), /\[object Object\]/);
    }
  });

  it('keeps well-formed fields as sent', () => {
    const r = toFlowRevision({
      sid: 'FW0123456789abcdef0123456789abcdef',
      friendly_name: 'Main <IVR>',
      url: 'https://studio.twilio.com/v2/Flows/FW1',
      revision: 3,
    });
    assert.equal(r.sid, 'FW0123456789abcdef0123456789abcdef');
    assert.equal(r.friendlyName, 'Main <IVR>');
    assert.equal(r.url, 'https://studio.twilio.com/v2/Flows/FW1');
    assert.equal(r.revision, 3);
  });
});
