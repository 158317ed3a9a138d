// The door page on a door-staff phone (390×844): it fits the screen, the shop's header is gone,
// and the scanner — the answer, the camera, the typed code — is in view without scrolling.
import { expect, test } from "./fixtures";
import { DoorPage } from "./pages/checkin";

test.use({ viewport: { width: 390, height: 844 } });

test("the check-in page fits a 390×844 phone, without the shop's header, the scanner in view", async ({ asDoor }) => {
  const door = new DoorPage(asDoor);
  await door.openFirstShow();
  await expect(door.header).toBeVisible();
  await expect(door.header.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(door.header.getByText("admitted")).toBeVisible();
  await expect(door.shopHeader).toHaveCount(0);
  expect(await door.horizontalOverflow()).toBeLessThanOrEqual(0);
  for (const control of door.scannerControls) await expect(control).toBeInViewport({ ratio: 1 });

  // With an answer on screen the controls still fit: the next ticket is scanned without scrolling.
  await door.check("MQNOTREAL1");
  await expect(door.result).toContainText("NOT VALID");
  expect(await door.horizontalOverflow()).toBeLessThanOrEqual(0);
  for (const control of door.scannerControls) await expect(control).toBeInViewport({ ratio: 1 });

  // The show list has the door's header too, and no sideways scroll.
  await asDoor.getByRole("button", { name: "Change show" }).click();
  await expect(asDoor.getByText("Pick the show you are admitting to.")).toBeVisible();
  await expect(door.shopHeader).toHaveCount(0);
  expect(await door.horizontalOverflow()).toBeLessThanOrEqual(0);
});
