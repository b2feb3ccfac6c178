using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Data;

public sealed class SqlServerJunocalDbContext(DbContextOptions<SqlServerJunocalDbContext> options) : JunocalDbContext(options);
