// Chat mood: escalation cues and shouting, the committed model on plain messages, and the chat-level attention
// (acknowledgements, recency, waiting, unanswered and repeated messages, other languages, reasons without quotes).
import { describe, expect, it } from 'vitest';
import { chatMood, findCues, isShouting, type ChatLine } from '../../../lib/mood/index.ts';

const customer = (text: string): ChatLine => ({ text, at: null });
const agent = (text: string): ChatLine => ({ text, at: null, author: 'agent' });
const mood = (texts: string[]) => chatMood(texts.map(customer), null, 0);

describe('escalation cues', () => {
  it('finds cancel, refund, manager, legal, repeated ?! and shouting', () => {
    const ids = (text: string) => findCues(text).map((c) => c.id);
    expect(ids('Please cancel my subscription')).toContain('cancel');
    expect(ids('I want my money back')).toContain('refund');
    expect(ids('Let me talk to your manager')).toContain('manager');
    expect(ids('My lawyer will hear about this')).toContain('legal');
    expect(ids('Where is it?!')).toContain('punctuation');
    expect(ids('WHERE IS MY ORDER I PAID TWO WEEKS AGO')).toContain('shouting');
    expect(ids('Thanks, all good')).toEqual([]);
  });

  it('does not take an acronym or a short capitalised word for shouting', () => {
    expect(isShouting('My VPN and the USB stick both fail')).toBe(false);
    expect(isShouting('OK')).toBe(false);
    expect(isShouting('THIS IS NOT WHAT I ORDERED')).toBe(true);
  });
});

describe('chatMood on single messages (the committed model)', () => {
  it('is neutral with no customer messages', async () => {
    expect(await chatMood([], null, 0)).toEqual({ score: 0, level: 'neutral', reasons: [] });
  });

  it('reads plain problem reports as unhappy, without emotion words', async () => {
    for (const text of ['I have not received my order.', 'It is still not working.', 'The refund has not arrived yet.']) {
      expect(['at_risk', 'angry'], text).toContain((await mood([text])).level);
    }
  });

  it('reads a thankful customer as good, a question as neutral, abuse as angry', async () => {
    expect((await mood(['Thank you so much, that fixed it, great help!'])).level).toBe('good');
    expect((await mood(['Can you tell me which plans include the export?'])).level).toBe('neutral');
    const angry = await mood(['THIS IS A SCAM, YOU ARE THIEVES, I WANT A MANAGER NOW!!']);
    expect(angry.level).toBe('angry');
    expect(angry.reasons).toEqual(expect.arrayContaining(['angry', 'writes in capitals', 'asks for a manager']));
  });

  it('never calls an angry message good, even with thanks in it', async () => {
    for (const text of ['Thanks for nothing, you useless thieves.', 'Great, thank you for ruining my holiday, idiots!']) {
      expect((await mood([text])).level, text).not.toBe('good');
    }
  });
});

describe('chatMood over a chat', () => {
  it('lets acknowledgements never swing a chat', async () => {
    for (const ack of ['Yes.', 'Ok', 'Thanks', 'ok thank you']) expect(await mood([ack]), ack).toEqual({ score: 0, level: 'neutral', reasons: [] });
    const unhappy = await mood(['I have been waiting three weeks for my refund and nobody answers.']);
    const thenOk = await mood(['I have been waiting three weeks for my refund and nobody answers.', 'Ok', 'Yes.']);
    expect(thenOk).toEqual(unhappy);
  });

  it('lets the latest messages count most', async () => {
    const recovered = await mood(['This is terrible, I am furious', 'Oh great, that worked. Thank you so much!']);
    const soured = await mood(['Oh great, that worked. Thank you so much!', 'This is terrible, I am furious']);
    expect(recovered.score).toBeGreaterThan(soured.score);
    expect(soured.reasons).toContain('mood falling');
  });

  it('pulls the mood down the longer the customer waits, and says so', async () => {
    const now = 10_000_000;
    const fresh = await chatMood([customer('Can you check my order?')], now - 10_000, now);
    const waited = await chatMood([customer('Can you check my order?')], now - 4 * 60_000, now);
    expect(waited.score).toBeLessThan(fresh.score);
    expect(waited.reasons).toContain('waiting 4 min');
    expect(fresh.reasons.some((r) => r.startsWith('waiting'))).toBe(false);
  });

  it('counts questions the agent has not answered, and repeated messages', async () => {
    const answered = await chatMood([customer('Where is my parcel?'), agent('Let me check.'), customer('Is it in Madrid?')], null, 0);
    const unanswered = await chatMood([agent('Hello, how can I help?'), customer('Where is my parcel?'), customer('Is it in Madrid?')], null, 0);
    expect(unanswered.reasons).toContain('asked twice');
    expect(answered.reasons).not.toContain('asked twice');
    expect(unanswered.score).toBeLessThan(answered.score);
    const repeated = await chatMood([customer('Can you tell me the delivery date of order 4471?'), agent('One moment'), customer('Can you tell me the delivery date of order 4471 please')], null, 0);
    expect(repeated.reasons).toContain('repeated a message');
  });

  it('says when the latest message is in a language the model does not read, instead of guessing', async () => {
    const german = await mood(['Ich habe meine Bestellung noch nicht erhalten und bin sehr verärgert']);
    expect(german.reasons[0]).toBe('mood not assessed: German');
    expect(german.level).toBe('neutral');
    const russian = await mood(['Мой заказ до сих пор не пришёл']);
    expect(russian.reasons[0]).toBe('mood not assessed: Russian');
  });

  it('ranks chats by attention: angry or frustrated and waiting, then a plain problem, then calm and pleased', async () => {
    const now = 50_000_000;
    const chats = {
      pleased: await chatMood([customer('Where is my parcel?'), agent('It arrives today.'), customer('Great, thank you so much for your help!')], null, now),
      calm: await chatMood([customer('Hello, can I change the delivery address of my order?')], null, now),
      acknowledged: await chatMood([customer('Can you check the invoice?'), agent('Done, it is corrected.'), customer('Ok thanks')], null, now),
      problem: await chatMood([customer('The screen of the TV has a dark line.')], null, now),
      frustrated: await chatMood(
        [customer('I have not received my refund.'), agent('Let me check.'), customer('Still nothing?'), customer('Why does nobody answer me?')],
        now - 4 * 60_000,
        now,
      ),
      angry: await chatMood([customer('You are thieves, I will report you to the police!!')], null, now),
    };
    const order = Object.entries(chats)
      .sort((a, b) => a[1].score - b[1].score)
      .map(([name]) => name);
    expect(order.slice(0, 2).sort()).toEqual(['angry', 'frustrated']);
    expect(order[2]).toBe('problem');
    expect(order.slice(3).sort()).toEqual(['acknowledged', 'calm', 'pleased']);
    expect(chats.frustrated.reasons).toEqual(expect.arrayContaining(['frustrated', 'waiting 4 min', 'asked twice']));
    expect(chats.pleased.level).toBe('good');
    expect(chats.angry.level).not.toBe('good');
  });

  it('never quotes the customer in its reasons', async () => {
    const text = 'This blender is rubbish, absolutely useless, I want my money back from Northwind NOW!!';
    const result = await chatMood([customer(text), customer(text)], 0, 10 * 60_000);
    const quoted = text.toLowerCase().match(/[a-z]{4,}/g)!.filter((w) => !['want', 'money', 'back'].includes(w));
    for (const reason of result.reasons) for (const word of quoted) expect(reason.toLowerCase()).not.toContain(word);
    expect(result.reasons.length).toBeGreaterThan(2);
  });
});
