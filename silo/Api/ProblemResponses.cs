using Microsoft.AspNetCore.Mvc;

namespace VillageCollective.Silo.Api;

/// <summary>Writes a problem+json body with the <c>code</c> and <c>field</c> extensions the client reads.</summary>
public static class ProblemResponses
{
    public static Task WriteAsync(HttpContext context, int status, string detail, string code = "", string field = "",
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = TitleOf(status),
            Detail = detail,
            Type = $"https://tools.ietf.org/html/rfc9110#status.{status}",
            Instance = context.Request.Path,
        };
        if (code.Length > 0) problem.Extensions["code"] = code;
        if (field.Length > 0) problem.Extensions["field"] = field;
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[name] = value;
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    private static string TitleOf(int status) => status switch
    {
        400 => "请求无效 (Bad request)",
        401 => "未登录 (Unauthorized)",
        403 => "无权访问 (Forbidden)",
        404 => "未找到 (Not found)",
        409 => "冲突 (Conflict)",
        422 => "违反规则 (Rule broken)",
        503 => "服务器繁忙 (Busy)",
        _ => "错误 (Error)",
    };
}
