// The adapter studio's page logic: robust selectors for clicked elements, generalised messages and list items,
// the conversation key, and the adapter draft built from the admin's clicks. Pure DOM reading, no extension APIs.
export { draftAdapter, adapterIdFor, sitePatternFor, partWords, STUDIO_PARTS, REQUIRED_PARTS, type StudioPart, type StudioPicks, type StudioDraft, type DraftFinding, type DraftOptions, type MountPosition } from './draft-adapter.ts';
export { proposeSelector, proposeInside, ownSelectors, isRobust, type SelectorProposal, type SelectorKind } from './propose-selector.ts';
export { generaliseRepeated, type RepeatedElements } from './generalise.ts';
export { proposeConversationKey, idTokens, isIdLike, type KeyProposal, type KeyRule } from './conversation-key.ts';
export { proposeAuthors, proposeMessageId, proposeTime, proposeText } from './message-parts.ts';
export { isHashedName, isMeaningfulClass, isStableId } from './name-quality.ts';
