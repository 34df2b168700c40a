package org.sensei4j.cli;

public final class SenseiCommand {
    public static void main(String[] args) {
        System.out.println("sensei");
    }
}
