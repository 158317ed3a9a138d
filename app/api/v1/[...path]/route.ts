import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/route";

// Unknown API paths answer in the API's error format, not with the HTML 404 page.
const unknown = () => errorResponse(new AppError("NOT_FOUND", "No such API endpoint"));
export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
