// The Council's numbers read from the words of its statutes.
import { describe, expect, it } from 'vitest';
import { seatsFromText } from './session-rules.ts';

describe('the seats of the Council from section 2-101(1)', () => {
  it('reads the number of councillors the Council consists of, in words or digits', () => {
    expect(seatsFromText('(1) The Council is the legislature of the village. It consists of nine councillors, elected by the residents.\n(2) A councillor holds office.')).toBe(9);
    expect(seatsFromText('(1) The Council is the legislature of the village. It consists of twelve councillors, elected by the residents.')).toBe(12);
    expect(seatsFromText('(1) The Council consists of 15 councillors.')).toBe(15);
  });
  it('says nothing when the words give no number of councillors', () => {
    expect(seatsFromText('(1) The Council is the legislature of the village.')).toBeNull();
    expect(seatsFromText('(1) It consists of many councillors.')).toBeNull();
    expect(seatsFromText('(1) It consists of zero councillors.')).toBeNull();
    // The quorum's words are not the seats'.
    expect(seatsFromText('(1) The quorum of the Council is seven councillors.')).toBeNull();
  });
});
