"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { getCity } from "@/lib/catalog/cities";
import { CITY_COOKIE } from "@/lib/catalog/city-preference";
import { action } from "@/lib/http/action";
import { AppError } from "@/lib/errors";

/** Remembers the visitor's city for a year. */
export const chooseCity = action({
  input: z.object({ city: z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,64}$/) }),
  run: async ({ city }) => {
    if (!(await getCity(city))) throw new AppError("VALIDATION_FAILED", `Unknown city '${city}'`);
    (await cookies()).set(CITY_COOKIE, city, { path: "/", maxAge: 365 * 86_400, sameSite: "lax", httpOnly: true });
    return { city };
  },
});
