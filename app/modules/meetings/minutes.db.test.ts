import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { failure, outcome } from "../../../tests/support/outcomes.ts";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { insertPerson } from "../directory/factories.ts";
import { actorForPerson, insertMember, insertNetworkWithRoles } from "../networks/factories.ts";
import { createAction, listMyActions, updateAction } from "./actions.ts";
import { insertAgendaItem, insertMeeting } from "./factories.ts";
import {
  changeStatus,
  getMinutes,
  getVersion,
  isMinutesConflict,
  listVersions,
  saveMinutes,
  setVisibility,
} from "./minutes.ts";
import { meetingMinutes, type MinutesStatus, type MinutesVisibility } from "./schema.ts";

const item = (notes: string, reflections: string[] = [], decisions: string[] = []) => ({
  notes,
  reflections,
  decisions,
});

describeDatabases("minutes", (ctx) => {
  async function setup() {
    const roles = await insertNetworkWithRoles(ctx.db, { visibility: "public" });
    const meeting = await insertMeeting(ctx.db, roles.network.id, { title: "Höstmöte" });
    const agendaItem = await insertAgendaItem(ctx.db, meeting.id, 1, { title: "Läget" });
    return { ...roles, meeting, agendaItem };
  }

  it("refuses a save that is behind with both texts and a merge, then saves the merge", async () => {
    const { meeting, agendaItem, members, chair } = await setup().then((s) => ({
      ...s,
      chair: s.members.chair.actor,
    }));
    const secretary = members.secretary.actor;
    const first = await saveMinutes(ctx.db, secretary, {
      meetingId: meeting.id,
      baseVersion: 1,
      content: { items: { [agendaItem.id]: item("Start", ["R1"]) } },
    });
    expect(first.version).toBe(2);

    // Both start from version 2.
    const a = await saveMinutes(ctx.db, secretary, {
      meetingId: meeting.id,
      baseVersion: 2,
      content: { items: { [agendaItem.id]: item("Sekreterarens text", ["R1", "R2"]) } },
    });
    expect(a.version).toBe(3);
    let error: unknown;
    try {
      await saveMinutes(ctx.db, chair, {
        meetingId: meeting.id,
        baseVersion: 2,
        content: { items: { [agendaItem.id]: item("Ordförandens text", ["R0", "R1"], ["B1"]) } },
      });
    } catch (caught) {
      error = caught;
    }
    expect(isMinutesConflict(error)).toBe(true);
    if (!isMinutesConflict(error)) return;
    expect(error.code).toBe("conflict");
    expect(error.message).toBe("minutes.error.behind");
    const d = error.details;
    expect(d.currentVersion).toBe(3);
    expect(d.currentContent.items[agendaItem.id]?.notes).toBe("Sekreterarens text");
    expect(d.mineContent.items[agendaItem.id]?.notes).toBe("Ordförandens text");
    expect(d.baseContent.items[agendaItem.id]?.notes).toBe("Start");
    expect(d.conflicts).toEqual([{ itemId: agendaItem.id, field: "notes" }]);
    expect(d.mergedContent.items[agendaItem.id]).toEqual(
      item("Ordförandens text\nSekreterarens text", ["R0", "R1", "R2"], ["B1"]),
    );

    const merged = await saveMinutes(ctx.db, chair, {
      meetingId: meeting.id,
      baseVersion: d.currentVersion,
      content: d.mergedContent,
    });
    expect(merged.version).toBe(4);
    const notes = merged.content.items[agendaItem.id]?.notes ?? "";
    expect(notes).toContain("Sekreterarens text");
    expect(notes).toContain("Ordförandens text");

    const versions = await listVersions(ctx.db, secretary, meeting.id);
    expect(versions.map((v) => v.version)).toEqual([4, 3, 2]);
    expect(versions[0]?.savedByLabel).toBe(chair.label);
    const v3 = await getVersion(ctx.db, secretary, meeting.id, 3);
    expect(v3.version.content.items[agendaItem.id]?.notes).toBe("Sekreterarens text");
    expect(v3.previous?.version).toBe(2);
  });

  it("runs the workflow with the version check and publishes", async () => {
    const { meeting, members } = await setup();
    const secretary = members.secretary.actor;
    let m = await changeStatus(ctx.db, secretary, {
      meetingId: meeting.id,
      version: 1,
      status: "in_review",
    });
    expect(
      await outcome(
        changeStatus(ctx.db, secretary, { meetingId: meeting.id, version: 1, status: "approved" }),
      ),
    ).toBe("conflict");
    expect(
      await outcome(
        changeStatus(ctx.db, secretary, {
          meetingId: meeting.id,
          version: m.version,
          status: "published",
        }),
      ),
    ).toBe("validation");
    m = await changeStatus(ctx.db, secretary, {
      meetingId: meeting.id,
      version: m.version,
      status: "approved",
    });
    m = await setVisibility(ctx.db, secretary, {
      meetingId: meeting.id,
      version: m.version,
      visibility: "public",
    });
    m = await changeStatus(ctx.db, secretary, {
      meetingId: meeting.id,
      version: m.version,
      status: "published",
    });
    expect(m.status).toBe("published");
    expect(m.publishedAt).toBeInstanceOf(Date);
    expect((await getMinutes(ctx.db, null, meeting.id)).status).toBe("published");
  });

  it("enforces the permission matrix", async () => {
    const s = await setup();
    const owner = s.members.member.actor;
    const actors: Record<string, Actor | null> = {
      public: null,
      outsider: s.outsider,
      member: s.members.observer.actor,
      actionOwner: owner,
      secretary: s.members.secretary.actor,
      chair: s.members.chair.actor,
      ownerEditor: s.ownerEditor,
      platformAdmin: s.platformAdmin,
    };
    const editors = ["secretary", "chair", "ownerEditor", "platformAdmin"];
    const members = [...editors, "member", "actionOwner"].sort();
    const everyone = Object.keys(actors).sort();

    async function readers(status: MinutesStatus, visibility: MinutesVisibility) {
      await ctx.db
        .insert(meetingMinutes)
        .values({ meetingId: s.meeting.id, status, visibility })
        .onConflictDoUpdate({ target: meetingMinutes.meetingId, set: { status, visibility } });
      const allowed: string[] = [];
      for (const [name, actor] of Object.entries(actors))
        if ((await outcome(getMinutes(ctx.db, actor, s.meeting.id))) === "ok") allowed.push(name);
      return allowed.sort();
    }
    expect(await readers("draft", "public")).toEqual([...editors].sort());
    expect(await readers("in_review", "public")).toEqual(members);
    expect(await readers("approved", "members")).toEqual(members);
    expect(await readers("published", "members")).toEqual(members);
    expect(await readers("published", "public")).toEqual(everyone);
    await ctx.db
      .update(meetingMinutes)
      .set({ status: "draft" })
      .where(eq(meetingMinutes.meetingId, s.meeting.id));

    const expectedWrite = (name: string) =>
      editors.includes(name) ? "ok" : name === "public" ? "unauthenticated" : "forbidden";
    for (const [name, actor] of Object.entries(actors)) {
      const current = (await getMinutes(ctx.db, s.platformAdmin, s.meeting.id)).version;
      const saved = await outcome(
        saveMinutes(ctx.db, actor, {
          meetingId: s.meeting.id,
          baseVersion: current,
          content: { items: { [s.agendaItem.id]: item(`by ${name}`) } },
        }),
      );
      expect([name, saved]).toEqual([name, expectedWrite(name)]);
      const latest = (await getMinutes(ctx.db, s.platformAdmin, s.meeting.id)).version;
      const status = await outcome(
        (async () => {
          await changeStatus(ctx.db, actor, {
            meetingId: s.meeting.id,
            version: latest,
            status: "in_review",
          });
          const back = (await getMinutes(ctx.db, s.platformAdmin, s.meeting.id)).version;
          await changeStatus(ctx.db, actor, {
            meetingId: s.meeting.id,
            version: back,
            status: "draft",
          });
        })(),
      );
      expect([name, status]).toEqual([name, expectedWrite(name)]);
      const created = await outcome(
        createAction(ctx.db, actor, {
          meetingId: s.meeting.id,
          agendaItemId: s.agendaItem.id,
          title: `Åtgärd av ${name}`,
        }),
      );
      expect([name, created]).toEqual([name, expectedWrite(name)]);
    }

    const action = await createAction(ctx.db, s.members.secretary.actor, {
      meetingId: s.meeting.id,
      agendaItemId: s.agendaItem.id,
      title: "Skicka underlaget",
      ownerPersonId: owner.personId,
      dueDate: "2026-12-20",
    });
    expect((await listMyActions(ctx.db, owner)).map((a) => a.title)).toEqual(["Skicka underlaget"]);
    expect((await listMyActions(ctx.db, owner))[0]?.networkName).toBe(s.network.name);
    // Others may not change it; the owner may change only its status.
    const refusals: Record<string, string> = {
      public: "unauthenticated",
      outsider: "not_found",
      member: "forbidden",
    };
    for (const [name, expected] of Object.entries(refusals))
      expect([
        name,
        await outcome(
          updateAction(ctx.db, actors[name]!, action.id, { version: 1, status: "done" }),
        ),
      ]).toEqual([name, expected]);
    expect(
      await outcome(updateAction(ctx.db, owner, action.id, { version: 1, title: "Annat" })),
    ).toBe("forbidden");
    const inProgress = await updateAction(ctx.db, owner, action.id, {
      version: 1,
      status: "in_progress",
    });
    expect(inProgress.status).toBe("in_progress");
    expect(
      await outcome(updateAction(ctx.db, owner, action.id, { version: 1, status: "done" })),
    ).toBe("conflict");
    const renamed = await updateAction(ctx.db, s.members.chair.actor, action.id, {
      version: 2,
      title: "Skicka underlaget i tid",
    });
    expect(renamed.title).toBe("Skicka underlaget i tid");
    await updateAction(ctx.db, owner, action.id, { version: 3, status: "done" });
    expect(await listMyActions(ctx.db, owner)).toEqual([]);
  });

  it("lets an owner who is a guest or a former member set the status of their own action", async () => {
    const s = await insertNetworkWithRoles(ctx.db, { visibility: "members" });
    const meeting = await insertMeeting(ctx.db, s.network.id, { title: "Slutet möte" });
    const guest = await insertPerson(ctx.db, { name: "Gästen Gæst" });
    const former = await insertMember(ctx.db, s.network.id, {
      startDate: "2020-01-01",
      endDate: "2021-01-01",
    });
    const secretary = s.members.secretary.actor;
    for (const person of [guest.id, former.person.id]) {
      const owner = actorForPerson(person);
      const action = await createAction(ctx.db, secretary, {
        meetingId: meeting.id,
        title: "Skicka presentationen",
        ownerPersonId: person,
      });
      expect((await listMyActions(ctx.db, owner)).map((a) => a.id)).toEqual([action.id]);
      const done = await updateAction(ctx.db, owner, action.id, { version: 1, status: "done" });
      expect(done.status).toBe("done");
      expect(await listMyActions(ctx.db, owner)).toEqual([]);
      // Only the status: other fields stay the editors'.
      expect(
        await outcome(updateAction(ctx.db, owner, action.id, { version: 2, title: "Annat" })),
      ).toBe("forbidden");
    }
    // Someone else outside the network still does not see the action.
    const action = await createAction(ctx.db, secretary, {
      meetingId: meeting.id,
      title: "Någon annans",
      ownerPersonId: guest.id,
    });
    expect(
      await outcome(updateAction(ctx.db, s.outsider, action.id, { version: 1, status: "done" })),
    ).toBe("not_found");
  });

  it("refuses to save approved or published text until the minutes are back in draft", async () => {
    const { meeting, agendaItem, members } = await setup();
    const secretary = members.secretary.actor;
    const save = (baseVersion: number, notes: string) =>
      saveMinutes(ctx.db, secretary, {
        meetingId: meeting.id,
        baseVersion,
        content: { items: { [agendaItem.id]: item(notes) } },
      });
    let m = await save(1, "Utkast");
    m = await changeStatus(ctx.db, secretary, {
      meetingId: meeting.id,
      version: m.version,
      status: "in_review",
    });
    m = await save(m.version, "Rättat under granskning");
    for (const status of ["approved", "published"] as const) {
      m = await changeStatus(ctx.db, secretary, {
        meetingId: meeting.id,
        version: m.version,
        status,
      });
      const refused = await failure(save(m.version, `Ändrat när ${status}`));
      expect([status, refused.code, refused.message]).toEqual([
        status,
        "conflict",
        "minutes.error.notEditable",
      ]);
      const kept = await getMinutes(ctx.db, secretary, meeting.id);
      expect([kept.version, kept.content.items[agendaItem.id]?.notes]).toEqual([
        m.version,
        "Rättat under granskning",
      ]);
    }
    // Published minutes go back to draft (unpublished), and then the text can change.
    m = await changeStatus(ctx.db, secretary, {
      meetingId: meeting.id,
      version: m.version,
      status: "draft",
    });
    expect(m.status).toBe("draft");
    expect(m.publishedAt).toBeNull();
    await expect(getMinutes(ctx.db, null, meeting.id)).rejects.toMatchObject({
      code: "not_found",
    });
    m = await save(m.version, "Ändrat efter återföring");
    expect(m.content.items[agendaItem.id]?.notes).toBe("Ändrat efter återföring");
  });
});
