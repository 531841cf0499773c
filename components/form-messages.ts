import type { MessagePath } from "@/lib/i18n";

/**
 * The words each family of client components reads, for the layouts that hand them over
 * (components/client-messages.tsx). Whatever a layout hands over is written into every page
 * under it, and most of a namespace is read by server components only, so a layout names these
 * rather than whole namespaces. tests/unit/client-catalogue.test.ts reads the client components
 * under each such layout and fails on any key they read that the layout leaves out.
 */

/** components/decisions/countdown.tsx. */
export const countdownMessages = [
  "decisions.countdown",
  "decisions.deadlinePassed",
] satisfies MessagePath[];

/** A call's own forms: components/decisions/call-forms.tsx, hide-reason-form.tsx. */
export const callFormMessages = [
  ...countdownMessages,
  "decisions.fields",
  "decisions.stances",
  "decisions.choices",
  "decisions.vote",
  "decisions.saving",
  "decisions.takePosition",
  "decisions.conflicted",
  "decisions.withdraw",
  "decisions.withdrawExplained",
  "decisions.withdrawConfirm",
  "decisions.appeal",
  "decisions.appealExplained",
  "decisions.appealConfirm",
  "decisions.hideReason",
  "decisions.hideReasonWhy",
  "decisions.confirmHideReason",
  "decisions.hiding",
  "decisions.lastCall.objectionNames",
  "decisions.lastCall.objectionNamesHint",
] satisfies MessagePath[];

/**
 * The forms that open calls and propose charters: components/decisions/open-call-form.tsx,
 * last-call-form.tsx, charter-form.tsx (with the fields of a call's own forms).
 */
export const newCallFormMessages = [
  ...callFormMessages,
  "decisions.open",
  "decisions.kinds.clause_revision",
  "decisions.kinds.question",
  "decisions.latestRevision",
  "decisions.charter",
  "decisions.lastCall.scope",
  "decisions.lastCall.scopes",
  "decisions.lastCall.module",
  "decisions.lastCall.noModule",
  "decisions.lastCall.moduleOption",
  "decisions.lastCall.pick",
  "decisions.lastCall.section",
  "decisions.lastCall.busy",
  "decisions.lastCall.changed",
  "decisions.lastCall.neverAdoptedShort",
  "decisions.lastCall.defaultTitle",
  "decisions.lastCall.open",
] satisfies MessagePath[];

/** components/discussion/discussion-forms.tsx and thread-fields.tsx. */
export const discussionFormMessages = [
  "discussion.kind",
  "discussion.kinds",
  "discussion.threadTitle",
  "discussion.body",
  "discussion.markdownHint",
  "discussion.quote",
  "discussion.quoteHint",
  "discussion.open",
  "discussion.posting",
  "discussion.showForm",
  "discussion.reply",
  "discussion.send",
  "discussion.edit",
  "discussion.editLabel",
  "discussion.saveEdit",
  "discussion.delete",
  "discussion.confirmDelete",
  "discussion.hide",
  "discussion.hideReason",
  "discussion.confirmHide",
  "discussion.resolve",
  "discussion.reopen",
  "discussion.why",
  "discussion.confirmResolve",
  "discussion.confirmReopen",
  "discussion.withdraw",
  "discussion.sustain",
  "discussion.watch",
  "discussion.unwatch",
] satisfies MessagePath[];

/** The editor of a clause's or a section's text: components/clause-editor/clause-editor.tsx. */
export const editorMessages = ["drafting.editor"] satisfies MessagePath[];

/**
 * The working draft's forms: app/standards/[slug]/draft/forms.tsx, section-forms.tsx and
 * mapping-forms.tsx, with the editor.
 */
export const draftFormMessages = [
  ...editorMessages,
  "drafting.fields",
  "drafting.saving",
  "drafting.add",
  "drafting.recommendedOnly",
  "drafting.noteHint",
  "drafting.saveRevision",
  "drafting.saveStructure",
  "drafting.moveReason",
  "drafting.moveExplained",
  "drafting.retire",
  "drafting.retireExplained",
  "drafting.retireByCallExplained",
  "drafting.retireReason",
  "drafting.proposeRestore",
  "drafting.proposeRestoreExplained",
  "drafting.restoreReason",
  "drafting.restore",
  "drafting.restoreExplained",
  "drafting.restoreConfirm",
  "drafting.sections.add",
  "drafting.sections.fields",
  "drafting.sections.kinds",
  "drafting.sections.rename",
  "drafting.sections.moveUp",
  "drafting.sections.moveDown",
  "drafting.sections.retire",
  "drafting.sections.retireExplained",
  "drafting.sections.retireByCallExplained",
  "drafting.sections.retireConfirm",
  "drafting.sections.retireReason",
  "frameworks.addMappingTitle",
  "frameworks.addMapping",
  "frameworks.mappingFields",
  "frameworks.provisionHint",
  "frameworks.relationshipLabel",
  "frameworks.relationships",
  "frameworks.rationaleHint",
  "frameworks.remove",
  "frameworks.removeLabel",
] satisfies MessagePath[];
