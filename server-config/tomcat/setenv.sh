# Example bin/setenv.sh for a Tomcat that runs Latchkey (README, "Deploying" and "JVM options").
# Settings may also come from conf/latchkey.properties or JNDI (server-config/tomcat/ROOT.xml).

# Heap for one node; the benchmarks ran with these.
CATALINA_OPTS="$CATALINA_OPTS -Xmx256m -XX:+UseSerialGC"

# Pins the fast C2 shape of Bouncy Castle's Argon2 block function (password hashing at sign-in).
CATALINA_OPTS="$CATALINA_OPTS -XX:CompileCommand=quiet"
CATALINA_OPTS="$CATALINA_OPTS -XX:CompileCommand=inline,*Argon2BytesGenerator::roundFunction"
CATALINA_OPTS="$CATALINA_OPTS -XX:CompileCommand=inline,*Argon2BytesGenerator::G"
CATALINA_OPTS="$CATALINA_OPTS -XX:CompileCommand=inline,*Argon2BytesGenerator::access*"
CATALINA_OPTS="$CATALINA_OPTS -XX:CompileCommand=dontinline,*FillBlock::applyBlake"

# Latchkey's own settings (see the configuration table in README.md), for example:
# export LATCHKEY_ISSUER=https://login.example.com
# export LATCHKEY_DATA_DIR=/var/lib/latchkey
